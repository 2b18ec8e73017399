package teleinfo.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** A real HTTP server on 127.0.0.1 standing in for the ingestion endpoint; its answers can be changed on the fly. */
public final class IngestionServer implements AutoCloseable {
    public record Request(String method, String uri, String authorization, String contentType, JsonNode body) {
    }

    public record Answer(int status, String body, String retryAfter) {
        public static Answer ok(JsonNode body) {
            return new Answer(200, "{\"stored\":" + body.size() + ",\"duplicates\":0}", null);
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile Function<JsonNode, Answer> behaviour = Answer::ok;

    public IngestionServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/api/readings", exchange -> {
            JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            Answer answer = behaviour.apply(body);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            }
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void answer(Function<JsonNode, Answer> behaviour) {
        this.behaviour = behaviour;
    }

    public List<Request> requests() {
        return requests;
    }

    /** Readings accepted (2xx) so far, in the order received. */
    public long stored() {
        return requests.stream().filter(r -> r.body().isArray()).mapToLong(r -> r.body().size()).sum();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
