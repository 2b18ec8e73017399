package teleinfo.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import teleinfo.reading.Reading;
import teleinfo.reading.ReadingJson;

class SpoolTest {
    @TempDir
    Path dir;

    private static Reading reading(Instant t) {
        return new Reading("021528603314", t, "historic", "HC..", "HC", "HC..", new Reading.Stats(500, 400, 600),
                null, List.of(2), List.of(), Map.of("HCHC", 1L), 30, 0);
    }

    @Test
    void listsOldestFirstAndReplacesTheSameMinute() throws Exception {
        Spool spool = new Spool(dir);
        Instant t = Instant.parse("2026-11-29T21:09:00Z");
        spool.write(reading(t.plusSeconds(120)));
        spool.write(reading(t));
        spool.write(reading(t.plusSeconds(60)));
        spool.write(reading(t));
        assertThat(spool.oldest(2)).extracting(p -> p.getFileName().toString())
                .containsExactly("20261129T2109Z-021528603314.json", "20261129T2110Z-021528603314.json");
        assertThat(spool.size()).isEqualTo(3);
        assertThat(new String(spool.jsonArray(spool.oldest(3)))).startsWith("[{\"meter\"").endsWith("}]");
    }

    @Test
    void rejectMovesTheFileAndKeepsTheReason() throws Exception {
        Spool spool = new Spool(dir);
        Path file = spool.write(reading(Instant.parse("2026-11-29T21:09:00Z")));
        spool.reject(file, "HTTP 400 bad");
        assertThat(spool.size()).isZero();
        assertThat(Files.readString(spool.rejectedDir().resolve(file.getFileName() + ".reason"))).contains("HTTP 400");
    }

    /**
     * A writer process killed with SIGKILL at random instants, while this process keeps reading the spool: no
     * listed file is ever incomplete, and what a kill leaves behind is removed at the next start.
     */
    @Test
    void aKilledWriterNeverLeavesAFileThatCanBeReadHalfWritten() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        int checked = 0;
        for (int round = 0; round < 5; round++) {
            Spool reader = new Spool(dir);
            Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    SpoolWriterMain.class.getName(), dir.toString(), start.plusSeconds(86_400L * round).toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("rejected/writer.log").toFile()).start();
            long started = reader.size();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (reader.size() == started) {
                assertThat(writer.isAlive()).as("writer: %s", Files.readString(dir.resolve("rejected/writer.log")))
                        .isTrue();
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(5);
            }
            long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
                    400 + ThreadLocalRandom.current().nextInt(400));
            while (System.nanoTime() < killAt) {
                checked += readAllComplete(reader);
            }
            writer.destroyForcibly();
            assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();
            checked += readAllComplete(reader);
            new Spool(dir);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp-"));
            }
        }
        assertThat(checked).as("files read while being written").isGreaterThan(50);
    }

    private static int readAllComplete(Spool spool) throws Exception {
        int n = 0;
        for (Path p : spool.oldest(Integer.MAX_VALUE)) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(p);
            } catch (java.nio.file.NoSuchFileException replaced) {
                continue;
            }
            Reading r = ReadingJson.mapper().readValue(bytes, Reading.class);
            assertThat(r.registers()).containsKey("HCHC");
            n++;
        }
        return n;
    }
}
