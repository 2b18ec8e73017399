package teleinfo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** {@code simulate -} through the packaged jar, in a shell pipe as a user runs it. */
class SimulateCommandIT {
    @Test
    void endsWhenTheReaderOfStandardOutputGoesAway() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = Path.of("target/rpi-teleinfo.jar").toAbsolutePath().toString();
        Process pipe = new ProcessBuilder(List.of("bash", "-c",
                "'" + java + "' -jar '" + jar + "' simulate --speed 20 - | head -c 1000 | wc -c; echo \"${PIPESTATUS[0]}\""))
                .redirectErrorStream(true).start();
        boolean ended = pipe.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            pipe.descendants().forEach(ProcessHandle::destroy);
            pipe.destroyForcibly();
        }
        assertThat(ended).as("the pipe ends once head has its 1000 bytes").isTrue();
        String[] out = new String(pipe.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip().split("\\s+");
        assertThat(out).containsExactly("1000", "0");
    }
}
