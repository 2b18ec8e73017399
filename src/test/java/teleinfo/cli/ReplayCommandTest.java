package teleinfo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import teleinfo.collector.Spool;
import teleinfo.protocol.TicMode;
import teleinfo.simulator.MeterSimulator;
import teleinfo.testsupport.FreePort;
import teleinfo.testsupport.IngestionServer;

/** A capture file through the collector's routes, 100x faster than the line, into a local server. */
class ReplayCommandTest {
    private static final List<String> KEYS = List.of("collector.server.url", "collector.server.token",
            "collector.spool.dir", "collector.upload.interval");
    @TempDir
    Path dir;

    @AfterEach
    void clearProperties() {
        KEYS.forEach(System::clearProperty);
    }

    /** Three and a half minutes of a historic meter, as a capture of the raw line would hold them. */
    private Path capture() throws Exception {
        MeterSimulator sim = new MeterSimulator(MeterSimulator.Config.defaults(TicMode.HISTORIC, false));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Instant t = Instant.parse("2026-06-01T10:00:00Z");
        while (out.size() < 120 * 210) {
            byte[] frame = sim.frameAt(t);
            out.write(frame);
            t = t.plus(MeterSimulator.transmissionTime(frame.length + 3, TicMode.HISTORIC));
        }
        Path file = dir.resolve("capture.bin");
        Files.write(file, out.toByteArray());
        return file;
    }

    @Test
    void replaysACaptureAndUploadsItsReadings() throws Exception {
        int port;
        port = FreePort.find();
        Path capture = capture();
        try (IngestionServer server = new IngestionServer(port)) {
            System.setProperty("collector.server.url", "http://127.0.0.1:" + port + "/api/readings");
            System.setProperty("collector.server.token", "replay-token");
            System.setProperty("collector.spool.dir", dir.resolve("spool").toString());
            System.setProperty("collector.upload.interval", "200");
            Instant before = Instant.now();
            int status = ReplayCommand.run(new String[] {"--speed", "100", capture.toString()});
            assertThat(status).isZero();

            List<Instant> times = new ArrayList<>();
            server.requests().forEach(r -> r.body().forEach(n -> times.add(Instant.parse(n.get("time").asText()))));
            assertThat(times).hasSizeBetween(3, 5).isSorted().doesNotHaveDuplicates();
            assertThat(times.get(times.size() - 1)).isBeforeOrEqualTo(Instant.now());
            assertThat(times.get(0)).isAfter(before.minusSeconds(5 * 60));
            assertThat(server.requests()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer replay-token"));
            assertThat(new Spool(dir.resolve("spool")).size()).isZero();
        }
    }

    @Test
    void aMissingFileIsAUsageError() {
        assertThatThrownBy(() -> ReplayCommand.run(new String[] {dir.resolve("nope.bin").toString()}))
                .isInstanceOf(UsageException.class).hasMessageContaining("cannot read");
    }
}
