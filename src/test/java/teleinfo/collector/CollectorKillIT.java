package teleinfo.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import teleinfo.protocol.TicMode;
import teleinfo.reading.Reading;
import teleinfo.reading.ReadingJson;
import teleinfo.simulator.MeterSimulator;
import teleinfo.simulator.RealTimeFeed;
import teleinfo.testsupport.FreePort;
import teleinfo.testsupport.IngestionServer;

/**
 * The fault suite's collector part: the packaged jar reads a socat pseudo-terminal fed by the simulated meter (20
 * times faster than a real line, so that a minute of the meter's clock lasts 3 s) and uploads to a real HTTP server on
 * 127.0.0.1; it is killed with SIGKILL at random instants while it streams, and started again at once.
 *
 * <p>Checked: after every kill, each reading in the spool can be read; over the run, no minute reaches the server as
 * two different readings; every minute the collector read from its start to its end reached the server; the minutes
 * lost are at most one per kill (the minute in progress). Minutes the meter sent while no collector was running are not
 * the collector's to lose and are not counted (at 20 times the speed, a restart lasts a good part of a minute).
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CollectorKillIT {
    private static final Path JAR = Path.of("target", "rpi-teleinfo.jar");
    private static final double SPEED = 20;
    private static final int KILLS = 8;
    /**
     * A minute is closed when the next minute's first frame has been read and the reading written (fsync): a frame
     * (~1 s of the meter's clock) and room for a slow disk on a busy machine (1.5 s of real time at 20 times).
     */
    private static final Duration CLOSING = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Process socat;
    private Process collector;
    private Thread meter;

    /** What one collector process saw, on the meter's clock: from its first decoded frame to its kill. */
    record Run(Instant firstFrame, Instant end) {
        boolean touches(Instant minute) {
            return minute.plusSeconds(60).isAfter(firstFrame) && minute.isBefore(end);
        }

        boolean coversWhole(Instant minute) {
            return !minute.isBefore(firstFrame) && !minute.plusSeconds(60).plus(CLOSING).isAfter(end);
        }
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process p : new Process[] {collector, socat}) {
            if (p != null && p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (meter != null) {
            meter.interrupt();
            meter.join(5000);
        }
    }

    @Test
    void killedAtRandomInstantsItLosesAtMostTheMinuteInProgress() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path spoolDir = dir.resolve("spool");
        Path meterSide = dir.resolve("ttyMETER");
        Path piSide = dir.resolve("ttyPI");
        socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + meterSide, "pty,raw,echo=0,link=" + piSide)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        awaitTrue(() -> Files.exists(meterSide) && Files.exists(piSide), Duration.ofSeconds(10), "socat's ptys");
        RealTimeFeed feed = new RealTimeFeed(new MeterSimulator(MeterSimulator.Config.defaults(TicMode.STANDARD,
                false)), Instant.now().truncatedTo(ChronoUnit.MINUTES), SPEED);
        meter = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(meterSide)) {
                feed.writeTo(out);
            } catch (IOException | InterruptedException e) {
                // test over
            }
        }, "meter");
        meter.setDaemon(true);
        meter.start();

        int port = FreePort.find();
        List<Run> runs = new ArrayList<>();
        int spoolFilesChecked = 0;
        List<JsonNode> accepted = new CopyOnWriteArrayList<>();
        AtomicBoolean serverUp = new AtomicBoolean();
        try (IngestionServer server = new IngestionServer(port)) {
            server.answer(body -> {
                if (!serverUp.get()) {
                    return new IngestionServer.Answer(503, "{\"error\":\"unavailable\"}", null);
                }
                accepted.add(body);
                return IngestionServer.Answer.ok(body);
            });
            for (int run = 0; run <= KILLS; run++) {
                // the server is down during every other run: a backlog builds up, and later runs are killed while
                // they upload it in batches
                serverUp.set(run % 2 == 1 || run == KILLS);
                Path log = dir.resolve("collector-" + run + ".log");
                collector = startCollector(port, piSide, spoolDir, log);
                awaitTrue(() -> Files.readString(log).contains("first frame decoded"), Duration.ofSeconds(60),
                        "first frame of run " + run);
                Instant firstFrame = feed.virtualTime();
                if (run == KILLS) {
                    // the last one drains the spool, reads at least one minute whole (the killed runs, 40 to 140 s
                    // of the meter's clock, may all miss one by chance) and stops cleanly (SIGTERM spools the minute
                    // in progress)
                    awaitTrue(() -> spoolSize(spoolDir) == 0, Duration.ofSeconds(60), "spool drained");
                    Instant oneWholeMinuteRead = firstFrame.truncatedTo(ChronoUnit.MINUTES).plusSeconds(120)
                            .plus(CLOSING);
                    awaitTrue(() -> feed.virtualTime().isAfter(oneWholeMinuteRead), Duration.ofSeconds(30),
                            "a whole minute read by the last run");
                    Instant end = feed.virtualTime();
                    collector.destroy();
                    assertThat(collector.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
                    // jSerialComm closes open ports in its own shutdown hook: a normal stop must not read as an unplug
                    assertThat(Files.readString(log)).as("log of the run stopped by SIGTERM")
                            .doesNotContain("the port went away");
                    runs.add(new Run(firstFrame, end));
                    break;
                }
                Thread.sleep(2000 + random.nextInt(5000));
                Instant killedAt = feed.virtualTime();
                collector.destroyForcibly();
                assertThat(collector.waitFor(10, TimeUnit.SECONDS)).isTrue();
                runs.add(new Run(firstFrame, killedAt));
                spoolFilesChecked += assertEverySpoolFileReadable(spoolDir, seed);
            }

            Map<String, JsonNode> received = new HashMap<>();
            int resent = 0;
            for (JsonNode batch : accepted) {
                for (JsonNode reading : batch) {
                    String key = reading.get("meter").asText() + " " + reading.get("time").asText();
                    JsonNode earlier = received.putIfAbsent(key, reading);
                    if (earlier != null) {
                        assertThat(reading).as("seed %d: %s received twice, different", seed, key).isEqualTo(earlier);
                        resent++;
                    }
                }
            }
            TreeSet<Instant> delivered = new TreeSet<>();
            received.values().forEach(r -> delivered.add(Instant.parse(r.get("time").asText())));
            for (Path file : spoolFiles(spoolDir)) {
                delivered.add(ReadingJson.mapper().readValue(file.toFile(), Reading.class).time());
            }

            TreeSet<Instant> lost = new TreeSet<>();
            TreeSet<Instant> wholeButMissing = new TreeSet<>();
            int whole = 0;
            for (Instant m = runs.get(0).firstFrame().truncatedTo(ChronoUnit.MINUTES);
                    m.isBefore(runs.get(runs.size() - 1).end()); m = m.plusSeconds(60)) {
                Instant minute = m;
                boolean seen = runs.stream().anyMatch(r -> r.touches(minute));
                boolean wholeInOneRun = runs.stream().anyMatch(r -> r.coversWhole(minute));
                whole += wholeInOneRun ? 1 : 0;
                if (seen && !delivered.contains(minute)) {
                    lost.add(minute);
                    if (wholeInOneRun) {
                        wholeButMissing.add(minute);
                    }
                }
            }
            String report = String.format("seed %d, %d kills, runs %s, %d minutes delivered, %d read whole by one "
                    + "run, lost %s, re-sent %d, %d spool files read after the kills", seed, KILLS, runs,
                    delivered.size(), whole, lost, resent, spoolFilesChecked);
            System.out.println("CollectorKillIT: " + report);
            assertThat(wholeButMissing).as(report).isEmpty();
            assertThat(lost.size()).as(report).isLessThanOrEqualTo(KILLS);
            assertThat(whole).as("the runs were long enough to read whole minutes: " + report).isPositive();
            assertThat(spoolFilesChecked).as(report).isPositive();
        }
        try (DirectoryStream<Path> temp = Files.newDirectoryStream(spoolDir, ".tmp-*")) {
            assertThat(temp).as("a clean stop leaves no temporary file").isEmpty();
        }
    }

    private Process startCollector(int port, Path piSide, Path spoolDir, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "collector");
        pb.environment().keySet().removeIf(k -> k.startsWith("TELEINFO_"));
        pb.environment().putAll(Map.of(
                "TELEINFO_PORT", piSide.toString(),
                "TELEINFO_MODE", "standard",
                "TELEINFO_SERVER_URL", "http://127.0.0.1:" + port + "/api/readings",
                "TELEINFO_TOKEN", "kill-token",
                "TELEINFO_SPOOL_DIR", spoolDir.toString(),
                "TELEINFO_UPLOAD_INTERVAL", "300",
                "TELEINFO_RETRY_INITIAL", "300"));
        return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Every reading waiting in the spool (not the temporary files) parses; returns how many there were. */
    private static int assertEverySpoolFileReadable(Path spoolDir, long seed) throws IOException {
        List<Path> files = spoolFiles(spoolDir);
        for (Path file : files) {
            Reading r = ReadingJson.mapper().readValue(file.toFile(), Reading.class);
            assertThat(Spool.fileName(r)).as("seed %d: %s", seed, file).isEqualTo(file.getFileName().toString());
        }
        return files.size();
    }

    private static List<Path> spoolFiles(Path spoolDir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(spoolDir, "[!.]*.json")) {
            stream.forEach(files::add);
        }
        return files;
    }

    private static int spoolSize(Path spoolDir) throws IOException {
        return spoolFiles(spoolDir).size();
    }

    private void awaitTrue(Callable<Boolean> condition, Duration max, String what) {
        Awaitility.await(what).atMost(max).pollInterval(Duration.ofMillis(50))
                .failFast("the collector stopped while waiting for " + what,
                        () -> collector != null && !collector.isAlive())
                .until(condition);
    }
}
