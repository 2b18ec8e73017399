package teleinfo.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import teleinfo.testsupport.FreePort;
import teleinfo.testsupport.IngestionServer;

/** The packaged jar started as a user would: settings from the environment, the built-in simulator as the meter. */
class CollectorJarIT {
    private static final Path JAR = Path.of("target", "rpi-teleinfo.jar");
    @TempDir
    Path dir;

    private Process start(Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "collector");
        pb.environment().keySet().removeIf(k -> k.startsWith("TELEINFO_"));
        pb.environment().putAll(env);
        pb.redirectOutput(dir.resolve("out.log").toFile()).redirectError(dir.resolve("err.log").toFile());
        return pb.start();
    }

    @Test
    void aMissingSettingStopsTheStartWithOneLine() throws Exception {
        Process p = start(Map.of("TELEINFO_SERVER_URL", "http://127.0.0.1:9/api/readings",
                "TELEINFO_SPOOL_DIR", dir.resolve("spool").toString()));
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readAllLines(dir.resolve("err.log")))
                .containsExactly("rpi-teleinfo: missing setting collector.server.token: set the environment "
                        + "variable TELEINFO_TOKEN");
    }

    /** 192.0.2.10 (TEST-NET) is refused when the settings are read: nothing is ever sent to it. */
    @Test
    void plainHttpToAPublicAddressStopsTheStartWithOneLine() throws Exception {
        Process p = start(Map.of("TELEINFO_SERVER_URL", "http://192.0.2.10/api/readings", "TELEINFO_TOKEN", "t0ken",
                "TELEINFO_PORT", "simulator", "TELEINFO_SPOOL_DIR", dir.resolve("spool").toString()));
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readAllLines(dir.resolve("err.log"))).singleElement().asString()
                .startsWith("rpi-teleinfo: invalid setting collector.server.url (TELEINFO_SERVER_URL) = "
                        + "'http://192.0.2.10/api/readings': expected https://, or http:// to this machine or a private "
                        + "network: the token would travel in clear to 192.0.2.10");
    }

    @Test
    void readingsFromTheSimulatorReachTheServer() throws Exception {
        int port = FreePort.find();
        int healthPort = FreePort.find();
        try (IngestionServer server = new IngestionServer(port)) {
            Process p = start(Map.of(
                    "TELEINFO_PORT", "simulator",
                    "TELEINFO_SPEED", "30",
                    "TELEINFO_SERVER_URL", "http://127.0.0.1:" + port + "/api/readings",
                    "TELEINFO_TOKEN", "jar-token",
                    "TELEINFO_SPOOL_DIR", dir.resolve("spool").toString(),
                    "TELEINFO_UPLOAD_INTERVAL", "500",
                    "TELEINFO_HEALTH_PORT", String.valueOf(healthPort)));
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (server.stored() < 2 && System.nanoTime() < deadline && p.isAlive()) {
                    Thread.sleep(100);
                }
                assertThat(server.stored()).as(Files.readString(dir.resolve("out.log"))).isGreaterThanOrEqualTo(2);
                assertThat(server.requests()).allSatisfy(r -> {
                    assertThat(r.authorization()).isEqualTo("Bearer jar-token");
                    assertThat(r.body().get(0).get("meter").asText()).isEqualTo("041876097451");
                });
                HttpResponse<String> health = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
                assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"tic\":{\"state\":\"UP\"")
                        .contains("\"spool\":{\"state\":\"UP\",\"details\":{\"backlog\":");
                HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.body()).contains("routeId=\"tic-frames\"");
            } finally {
                p.destroy();
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            }
        }
    }
}
