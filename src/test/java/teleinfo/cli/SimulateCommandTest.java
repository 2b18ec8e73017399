package teleinfo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import teleinfo.protocol.TicFrame;
import teleinfo.protocol.TicFrameDecoder;
import teleinfo.protocol.TicMode;

class SimulateCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesAValidStreamUntilStopped() throws Exception {
        Path out = dir.resolve("line.bin");
        int[] status = {-1};
        Thread t = new Thread(() -> status[0] = SimulateCommand.run(new String[] {"--mode", "historic", "--phases",
                "3", "--speed", "200", "--start", "2026-11-29T21:09:00Z", out.toString()}));
        t.start();
        Thread.sleep(500);
        t.interrupt();
        t.join(5000);
        assertThat(status[0]).isZero();

        List<TicFrame> frames = new ArrayList<>();
        TicFrameDecoder decoder = new TicFrameDecoder(TicMode.HISTORIC, f -> frames.add(f.toFrame()));
        decoder.feed(Files.readAllBytes(out));
        assertThat(frames).hasSizeGreaterThan(10);
        assertThat(decoder.stats().checksumErrors() + decoder.stats().formatErrors()).isZero();
        assertThat(frames.get(0).currents()).hasSize(3);
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThatThrownBy(() -> SimulateCommand.run(new String[] {"--mode", "turbo", "-"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("historic or standard");
        assertThatThrownBy(() -> SimulateCommand.run(new String[] {"--speed", "0", "-"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("--speed");
        assertThatThrownBy(() -> SimulateCommand.run(new String[0]))
                .isInstanceOf(UsageException.class).hasMessageContaining("missing PATH");
    }
}
