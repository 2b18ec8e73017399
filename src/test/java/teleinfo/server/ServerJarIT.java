package teleinfo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static teleinfo.server.TestReadings.historic;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import teleinfo.testsupport.FreePort;
import teleinfo.testsupport.TestDatabases;

/**
 * The packaged jar as a user starts it, settings from the environment, on MySQL/MariaDB: catches what only the fat
 * jar can get wrong (service files of the JDBC driver and of Flyway's MySQL support, Camel components), and checks
 * that it stops promptly on SIGTERM (pool closed).
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerJarIT {
    @Test
    void thePackagedJarServesAndStoresOnMariaDb(@TempDir Path dir) throws Exception {
        int port = FreePort.find();
        Path log = dir.resolve("server.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", new File("target/rpi-teleinfo.jar").getAbsolutePath(), "server")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("TELEINFO_TOKENS", "jar-token");
        pb.environment().put("TELEINFO_HTTP_PORT", String.valueOf(port));
        pb.environment().put("TELEINFO_DB_URL", TestDatabases.newMariaDbDatabase());
        Process server = pb.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/readings"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer jar-token").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(historic("400000000001", 0).toString())).build();
            // as a collector would: until the port answers, and past a 503 while the schema is not migrated yet (the
            // pool may time out at the first attempt on a loaded machine; the migration is retried every 5 s)
            HttpResponse<String> answer = Awaitility.await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250)).ignoreException(java.net.ConnectException.class)
                    .failFast("the server stopped", () -> !server.isAlive())
                    .until(() -> http.send(post, HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() != 503);
            assertThat(answer.body()).as(Files.readString(log)).isEqualTo("{\"stored\":1,\"duplicates\":0}");
            assertThat(http.send(post, HttpResponse.BodyHandlers.ofString()).body())
                    .isEqualTo("{\"stored\":0,\"duplicates\":1}");
        } finally {
            server.destroy(); // SIGTERM
            boolean stopped = server.waitFor(15, TimeUnit.SECONDS);
            if (!stopped) {
                server.destroyForcibly();
            }
            assertThat(stopped).as("stops within 15 s of SIGTERM").isTrue();
        }
        assertThat(Files.readString(log)).doesNotContain("jar-token");
    }
}
