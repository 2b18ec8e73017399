package teleinfo.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.main.Main;

import teleinfo.cli.RoleMain;
import teleinfo.testsupport.FreePort;

/** The real server role (Camel Main, Jetty on 127.0.0.1, a real database) and an HTTP client for it. */
final class TestServer implements AutoCloseable {
    static final String TOKEN = "collector-token-1";
    static final String OTHER_TOKEN = "collector-token-2";

    final int port;
    final Main main;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TestServer(String jdbcUrl, Map<String, String> extra) throws Exception {
        port = FreePort.find();
        Map<String, String> properties = new HashMap<>();
        properties.put("http.host", "127.0.0.1");
        properties.put("http.port", String.valueOf(port));
        properties.put("db.url", jdbcUrl);
        properties.put("server.token", TOKEN + ", " + OTHER_TOKEN);
        properties.put("server.maxBodyBytes", String.valueOf(8 * 1024 * 1024));
        properties.put("db.migrationRetryMillis", "500");
        properties.putAll(extra);
        main = RoleMain.create("server", properties);
        main.start();
    }

    TestServer(String jdbcUrl) throws Exception {
        this(jdbcUrl, Map.of());
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/api/readings");
    }

    /** POST with the first token and Content-Type application/json. */
    Answer post(JsonNode body) throws Exception {
        return send(HttpRequest.newBuilder(uri())
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** POST raw bytes, sent chunked (no Content-Length). */
    Answer postChunked(byte[] body) throws Exception {
        return send(HttpRequest.newBuilder(uri())
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }

    Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.headers().map(), r.body());
    }

    /**
     * One request written byte for byte on a socket (no client normalises the path), read until the server closes:
     * the status line, headers and body as text. Sends {@code Connection: close}.
     */
    String raw(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            var out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException e) {
                    // the server may answer and close before reading all of it
                }
            }
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** The status code of a raw answer. */
    static int status(String rawAnswer) {
        if (!rawAnswer.startsWith("HTTP/1.1 ")) {
            throw new AssertionError("not an HTTP answer: " + rawAnswer);
        }
        return Integer.parseInt(rawAnswer.substring(9, 12));
    }

    @Override
    public void close() {
        main.stop();
    }

    record Answer(int status, Map<String, java.util.List<String>> headers, String body) {
        JsonNode json() {
            try {
                return TestReadings.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }
}
