package teleinfo.http;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** The one way every HTTP API of the server answers: a JSON body, its status, no request header echoed back. */
public final class JsonAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonAnswers() {
    }

    public static void json(Exchange exchange, int status, Object body) {
        Message out = exchange.getMessage();
        // no request header goes back to the client (Camel's HTTP binding would echo them)
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        out.setHeader("Cache-Control", "no-store");
        out.setBody(bytes(body));
    }

    /** {@code {"error": message}}. */
    public static void error(Exchange exchange, int status, String message) {
        json(exchange, status, Map.of("error", message));
    }

    /** The ingestion endpoint's error body: {@code {"error":…,"field":…,"index":…}}, field and index null if none. */
    public static Map<String, Object> fieldError(String error, String field, Integer index) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("field", field);
        body.put("index", index);
        return body;
    }

    public static byte[] bytes(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
