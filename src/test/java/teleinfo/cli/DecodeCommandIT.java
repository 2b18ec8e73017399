package teleinfo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import teleinfo.testsupport.Corpus;

/** The {@code decode} contract, through the packaged jar as a user runs it. */
class DecodeCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int status, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    private static Result run(File stdin, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-jar", "target/rpi-teleinfo.jar", "decode"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        if (stdin != null) {
            pb.redirectInput(stdin);
        }
        Path out = Files.createTempFile("decode", ".out");
        Path err = Files.createTempFile("decode", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void printsOneJsonObjectPerCompleteFrame() throws Exception {
        Path file = Corpus.dir().resolve("ticdecodecpp-std-base-1p.bin");
        Result r = run(null, file.toString());
        assertThat(r.status()).isZero();
        assertThat(r.lines()).hasSize(12);
        JsonNode first = JSON.readTree(r.lines().get(0));
        assertThat(first.get("mode").asText()).isEqualTo("standard");
        assertThat(first.get("groups").get("DATE").asText()).isEmpty();
        assertThat(first.get("groups").get("NGTF").asText()).isEqualTo("      BASE      ");
        assertThat(first.get("dates").get("SMAXSN").asText()).isEqualTo("H230301065253");
        assertThat(first.get("errors").asInt()).isZero();
        assertThat(r.err()).contains("frames=12").contains("checksum_errors=0");
        assertThat(r.err().strip().split("\n")).hasSize(1);
    }

    @Test
    void readsStandardInputAndCountsRejectedGroups() throws Exception {
        Path file = Corpus.dir().resolve("corrupted/yadoms-hist-crcfail.bin");
        Result r = run(file.toFile(), "--mode", "historic", "-");
        assertThat(r.status()).isZero();
        assertThat(r.lines()).hasSize(1);
        JsonNode frame = JSON.readTree(r.lines().get(0));
        assertThat(frame.get("mode").asText()).isEqualTo("historic");
        assertThat(frame.get("errors").asInt()).isEqualTo(1);
        assertThat(frame.get("groups").has("OPTARIF")).isFalse();
        assertThat(frame.get("groups").get("ADCO").asText()).isEqualTo("031428097115");
        assertThat(r.err()).contains("checksum_errors=1");
    }

    @Test
    void forcedModeKeepsOtherModeGroupsOut() throws Exception {
        Result r = run(null, "--mode=standard", Corpus.dir().resolve("wifinfo-hist-hc-1p.bin").toString());
        assertThat(r.status()).isZero();
        assertThat(JSON.readTree(r.lines().get(0)).get("groups").size()).isZero();
    }

    @Test
    void badCommandLinesGetOneLineAndStatus2(@TempDir Path dir) throws Exception {
        for (Result r : List.of(
                run(null, "--mode", "fast", "x.bin"),
                run(null, "--verbose", "x.bin"),
                run(null),
                run(null, dir.resolve("missing.bin").toString()),
                run(null, dir.toString()))) {
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip()).doesNotContain("\n").startsWith("rpi-teleinfo:");
        }
    }
}
