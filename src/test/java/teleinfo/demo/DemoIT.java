package teleinfo.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import teleinfo.testsupport.FreePort;

/**
 * The demo as a newcomer runs it: the packaged jar, nothing else. History is there at once, new minutes reach the
 * database and the chart's API, Ctrl-C (SIGTERM) stops it cleanly, and the next start keeps the data.
 */
class DemoIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void runsTheWholeSystemAndKeepsItsDataAcrossRestarts(@TempDir Path dir) throws Exception {
        int port = FreePort.find();
        Path data = dir.resolve("data");

        Process demo = start(dir, port, data, "first.log");
        try {
            waitForLine(dir.resolve("first.log"), "open http://localhost:" + port + "/", demo);
            // the history arrives through the spool and the upload route within seconds
            JsonNode meter = waitFor(() -> meter(port), m -> m != null
                    && m.get("last").asLong() - m.get("first").asLong() > Duration.ofDays(2).toMillis(), 120, demo);
            long lastAtStart = meter.get("last").asLong();
            // a live minute closes and reaches the database and the API within two minutes
            JsonNode live = waitFor(() -> meter(port), m -> m.get("last").asLong() > lastAtStart, 120, demo);
            assertThat(live.get("lastPower").asInt()).isPositive();
            JsonNode power = JSON.readTree(get(port, "/api/power?meter=" + live.get("meter").asText()
                    + "&from=" + (live.get("last").asLong() - 3_600_000) + "&to=" + (live.get("last").asLong() + 60_000)
                    + "&points=100").body());
            assertThat(power.toString()).contains(String.valueOf(live.get("last").asLong()));
            assertThat(get(port, "/").body()).contains("highcharts");
            // the demo's three meters, named, the other two with their history, and costs out of the box
            JsonNode all = waitFor(() -> JSON.readTree(get(port, "/api/meters").body()).get("meters"),
                    m -> m.size() == 3, 240, demo);
            assertThat(all.toString()).contains("\"name\":\"Maison\"", "\"producer\":true", "\"phases\":3",
                    "\"kind\":\"TEMPO\"");
            JsonNode summary = JSON.readTree(get(port, "/api/summary?meter=" + DemoConfiguration.LIVE_METER).body());
            assertThat(summary.get("month").get("cost").isNull()).as(summary.toString()).isFalse();
            HttpResponse<String> health = get(port, "/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"tic\":{\"state\":\"UP\"", "\"spool\":{\"state\":\"UP\"",
                    "\"database\":{\"state\":\"UP\"", "secondsSinceLastFrame");
            String metrics = get(port, "/metrics").body();
            assertThat(metrics).contains("teleinfo_tic_frames_total", "teleinfo_readings_spooled_total",
                    "teleinfo_readings_uploaded_total", "teleinfo_readings_stored_total",
                    "routeId=\"readings-ingest\"");
        } finally {
            stop(demo, dir.resolve("first.log"));
        }
        assertThat(meter(port)).as("nothing answers once it has stopped").isNull();

        Process again = start(dir, port, data, "second.log");
        try {
            waitForLine(dir.resolve("second.log"), "open http://localhost:" + port + "/", again);
            JsonNode kept = waitFor(() -> meter(port), m -> m != null, 30, again);
            assertThat(kept.get("last").asLong() - kept.get("first").asLong()).isGreaterThan(Duration.ofDays(2).toMillis());
            assertThat(Files.readString(dir.resolve("second.log"))).contains("carries on from its reading");
        } finally {
            stop(again, dir.resolve("second.log"));
        }
    }

    private static Process start(Path dir, int port, Path data, String log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", Path.of("target/rpi-teleinfo.jar").toAbsolutePath().toString(),
                "demo");
        pb.directory(dir.toFile());
        pb.environment().put("TELEINFO_HTTP_PORT", String.valueOf(port));
        pb.environment().put("TELEINFO_DATA_DIR", data.toString());
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile());
        return pb.start();
    }

    private static void stop(Process p, Path log) throws Exception {
        p.destroy(); // SIGTERM, as Ctrl-C or systemd
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stops within 30 s").isTrue();
        String out = Files.readString(log);
        assertThat(out).as(out).contains("shutdown").doesNotContain(" ERROR ").doesNotContain("Exception")
                // a normal run warns neither at start nor at stop
                .doesNotContain("Cannot start force completion").doesNotContain("the port went away")
                .doesNotContain("Error processing a TIC frame");
    }

    private JsonNode meter(int port) {
        try {
            HttpResponse<String> r = get(port, "/api/meters");
            JsonNode meters = JSON.readTree(r.body()).get("meters");
            // the live meter (the one the collector routes read); the demo's two others are fed by DemoMetersRoute
            for (JsonNode m : meters == null ? JSON.createArrayNode() : meters) {
                if (m.get("meter").asText().equals(DemoConfiguration.LIVE_METER)) {
                    return m;
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    interface Probe {
        JsonNode get() throws Exception;
    }

    private static JsonNode waitFor(Probe probe, java.util.function.Predicate<JsonNode> done, int seconds, Process p)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        JsonNode last = null;
        while (System.nanoTime() < deadline && p.isAlive()) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not reached within " + seconds + " s; last seen: " + last);
    }

    private static void waitForLine(Path log, String text, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the demo did not print '" + text + "':\n" + (Files.exists(log) ? Files.readString(log) : ""));
    }
}
