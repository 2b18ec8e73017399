package teleinfo.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import teleinfo.storage.Database;
import teleinfo.testsupport.FreePort;

/**
 * The packaged server (embedded H2, a small heap) under every path and method, documented or not, with bodies,
 * headers and sizes a client can choose: no answer is a 5xx, nothing is stored without the token or at another
 * path than POST /api/readings, nothing of a body reaches the log and the log stays small, every answer carries
 * nosniff and no version banner, huge bodies are refused without exhausting the heap, and slow clients are cut off.
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerFuzzIT {
    private static final String TOKEN = "fuzz-token";
    private static final String MARK = "FUZZMARK";
    private static final List<String> PATHS = List.of("/", "/index.html", "/app.js", "/app.css", "/api/readings",
            "/api/meters", "/api/power", "/api/energy", "/api/readings.csv", "/health", "/metrics",
            "/api/readings/", "/api/readings/.", "/API/readings", "/Api/Readings", "/api/readings//", "/api//readings",
            "/api/./readings", "/api/%72eadings", "/api/readings;x", "/api/readings%2F", "/api/readings/x",
            "/api/readings?x=1", "/API/METERS", "/health/", "/INDEX.HTML", "/../etc/passwd", "/%2e%2e/etc/passwd",
            "/application.properties", "/WEB-INF/web.xml", "/vendor/highcharts/highcharts.js", "/nothing",
            "/" + "a".repeat(3000), "/%ff%fe", "*");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD",
            "TRACE", "FOO");

    private int meterSerial;

    @Test
    void everyPathAndMethod(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("TELEINFO_TOKENS", TOKEN, "TELEINFO_DATA_DIR", dir.resolve("data").toString(),
                "TELEINFO_HEADER_TIMEOUT_MILLIS", "2000", "TELEINFO_IDLE_TIMEOUT_MILLIS", "4000");
        Map<String, Integer> statuses = new LinkedHashMap<>();
        long logBefore;
        try (ServerProcess server = ServerProcess.start(dir, FreePort.find(), env, "-Xmx128m")) {
            logBefore = Files.size(server.log);
            String unknownMeters = "9";
            String wrongPathMeters = "8";
            for (String path : PATHS) {
                for (String method : METHODS) {
                    // no token, a wrong one: a reading, a form, text
                    for (String authorization : new String[] {null, "Bearer nope"}) {
                        check(server, statuses, method, path, authorization, "application/json",
                                reading(unknownMeters));
                        check(server, statuses, method, path, authorization, "application/x-www-form-urlencoded",
                                ("a=" + MARK + "&" + MARK + "=" + "b".repeat(2000)).getBytes(StandardCharsets.UTF_8));
                    }
                    // the right token everywhere but on POST /api/readings itself (a query string changes nothing)
                    if (!(method.equals("POST") && path.replaceFirst("\\?.*", "").equals("/api/readings"))) {
                        check(server, statuses, method, path, "Bearer " + TOKEN, "application/json",
                                reading(wrongPathMeters));
                        check(server, statuses, method, path, "Bearer " + TOKEN, "text/plain", reading(
                                wrongPathMeters));
                    }
                }
            }
            // sizes: a 2 MB form without a token, 16 MB of {} and a million keys with one, a huge header
            check(server, statuses, "POST", "/api/readings/", null, "application/x-www-form-urlencoded",
                    (MARK + "=" + "x".repeat(2_000_000)).getBytes(StandardCharsets.UTF_8));
            check(server, statuses, "POST", "/api/readings", "Bearer " + TOKEN, "application/json",
                    repeated("[", "{},", "]", 16 * 1024 * 1024));
            check(server, statuses, "POST", "/api/readings", "Bearer " + TOKEN, "application/json",
                    millionKeys());
            check(server, statuses, "POST", "/api/readings", "Bearer " + TOKEN, "application/json",
                    repeated("[", "[[[[[[[[[[", "]", 1024 * 1024));
            String hugeHeader = server.raw(("GET /api/meters HTTP/1.1\r\nHost: x\r\nX-" + MARK + ": "
                    + "h".repeat(64 * 1024) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            record(statuses, hugeHeader);
            String garbage = server.raw(randomBytes());
            if (!garbage.isEmpty()) {
                record(statuses, garbage);
            }
            // the server is still whole: a valid reading is stored
            String ok = request(server, "POST", "/api/readings", "Bearer " + TOKEN, "application/json",
                    reading("7"));
            assertThat(ok).as(ok).startsWith("HTTP/1.1 200 ").contains("{\"stored\":1,");
            String page = server.raw("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(page).startsWith("HTTP/1.1 200 ")
                    .contains("Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'");
            slowClientsAreCutOff(server);
            assertThat(server.stop(20)).as("stops on SIGTERM").isTrue();
        }
        assertThat(statuses.keySet()).as("statuses seen " + statuses).allMatch(s -> !s.startsWith("5"));
        String log = Files.readString(dir.resolve("server.log"));
        assertThat(log).doesNotContain(MARK).doesNotContain(TOKEN).doesNotContain("OutOfMemoryError");
        assertThat(Files.size(dir.resolve("server.log")) - logBefore).as("log written during the fuzzing: " + log)
                .isLessThan(64 * 1024);
        try (Connection c = DriverManager.getConnection(Database.embeddedUrl(dir.resolve("data")));
                Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT COUNT(*) FROM reading WHERE meter LIKE '9%'")).as("stored without token")
                    .isZero();
            assertThat(count(s, "SELECT COUNT(*) FROM reading WHERE meter LIKE '8%'"))
                    .as("stored by another method or path").isZero();
            assertThat(count(s, "SELECT COUNT(*) FROM reading WHERE meter LIKE '7%'")).isEqualTo(1);
        }
    }

    /** Headers a byte a second, then a body a byte a second: both connections are closed within seconds. */
    private static void slowClientsAreCutOff(ServerProcess server) throws Exception {
        assertThat(secondsUntilClosed(server, "GET /api/meters HTTP/1.1\r\nHost: x\r\nX-Slow: ", "a"))
                .as("slow headers").isLessThan(8);
        assertThat(secondsUntilClosed(server, "POST /api/readings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n[", " "))
                .as("slow body").isLessThan(10);
    }

    private static long secondsUntilClosed(ServerProcess server, String start, String drip) throws Exception {
        long begin = System.nanoTime();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port)) {
            socket.setSoTimeout(1000);
            socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            while (TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin) < 30) {
                try {
                    socket.getOutputStream().write(drip.getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException closed) {
                    break;
                }
                try {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    answer.write(b);
                    answer.write(in.readNBytes(in.available()));
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // a byte a second
                } catch (java.net.SocketException reset) {
                    break;
                }
            }
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            assertThat(text).as("answer to a slow client").doesNotStartWith("HTTP/1.1 5");
        }
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin);
    }

    private void check(ServerProcess server, Map<String, Integer> statuses, String method, String path,
            String authorization, String contentType, byte[] body) throws Exception {
        String answer = request(server, method, path, authorization, contentType, body);
        String status = record(statuses, answer);
        if (!answer.isEmpty() && !status.equals("400") && !status.equals("431")) {
            // Jetty's own refusals of a malformed request line or header (400, 431) come before any handler
            assertThat(answer).as(method + " " + path).containsIgnoringCase("X-Content-Type-Options: nosniff");
        }
        assertThat(answer).as(method + " " + path).doesNotContainIgnoringCase("\r\nServer:");
        assertThat(status).as(method + " " + path + " " + authorization + " " + contentType).doesNotStartWith("5");
    }

    private static String request(ServerProcess server, String method, String path, String authorization,
            String contentType, byte[] body) throws Exception {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        request.write(body);
        return server.raw(request.toByteArray());
    }

    /** The status of an answer ("none" when the server closed without one), counted. */
    private static String record(Map<String, Integer> statuses, String answer) {
        String status = answer.startsWith("HTTP/1.1 ") ? answer.substring(9, 12) : "none";
        statuses.merge(status, 1, Integer::sum);
        return status;
    }

    /** A valid reading of a meter numbered after the prefix, never sent twice. */
    private byte[] reading(String prefix) {
        String meter = prefix + String.format("%011d", ++meterSerial);
        String time = java.time.Instant.now().minusSeconds(3600).getEpochSecond() / 60 * 60 + "";
        return TestReadings.historic(meter, 0).put("time", java.time.Instant.ofEpochSecond(Long.parseLong(time))
                .toString()).put("option", "BASE").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] repeated(String open, String unit, String close, int size) {
        StringBuilder sb = new StringBuilder(size + 16).append(open);
        while (sb.length() + unit.length() < size) {
            sb.append(unit);
        }
        return sb.append(close).toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] millionKeys() {
        StringBuilder sb = new StringBuilder(16 * 1024 * 1024).append('{');
        for (int i = 0; i < 1_000_000; i++) {
            sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        return sb.append('}').toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4096];
        new Random(9).nextBytes(bytes);
        return bytes;
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
