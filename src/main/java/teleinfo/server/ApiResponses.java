package teleinfo.server;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JSON answers of the ingestion endpoint. */
public final class ApiResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ApiResponses.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiResponses() {
    }

    /** 200 {"stored":n,"duplicates":m}. */
    public static void stored(Exchange exchange) {
        StoreResult result = exchange.getIn().getBody(StoreResult.class);
        respond(exchange.getIn(), 200, "{\"stored\":" + result.stored() + ",\"duplicates\":" + result.duplicates() + "}");
    }

    /** The answer for the exception that stopped the request: its own status, or 413 / 500. */
    public static void failed(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiException api = asApiException(caught);
        if (api == null) {
            LOG.error("unexpected failure of an ingestion request", caught);
            api = new ApiException(500, "internal error");
        } else if (api instanceof DatabaseUnavailableException && api.getCause() != null) {
            LOG.warn("answering 503: {} ({})", api.error(), rootMessage(api.getCause()));
        }
        Message message = exchange.getIn();
        respond(message, api.status(), body(api.error(), api.field(), api.index()));
        if (api instanceof DatabaseUnavailableException) {
            message.setHeader("Retry-After", String.valueOf(DatabaseUnavailableException.RETRY_AFTER_SECONDS));
        }
        refusalHeaders(api.status(), message::setHeader);
    }

    /**
     * The headers that go with a refusal made before the body was read: what to send instead (401, 405), and
     * {@code Connection: close} since the unread body leaves the connection unusable for another request.
     */
    static void refusalHeaders(int status, java.util.function.BiConsumer<String, String> header) {
        if (status == 401) {
            header.accept("WWW-Authenticate", "Bearer");
        } else if (status == 405) {
            header.accept("Allow", "POST");
        }
        if (status == 401 || status == 404 || status == 405 || status == 413 || status == 415) {
            header.accept("Connection", "close");
        }
    }

    /** An ApiException, or the 413 Jetty raises while a body over the limit is read, else null. */
    static ApiException asApiException(Throwable caught) {
        for (Throwable t = caught; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (t instanceof BodyTooLargeException) {
                return new ApiException(413, t.getMessage());
            }
        }
        return null;
    }

    static String body(String error, String field, Integer index) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("field", field);
        body.put("index", index);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(Message message, int status, String json) {
        // no request header goes back to the client (Camel's HTTP binding would echo them)
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(json);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        return root == null ? "" : root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
