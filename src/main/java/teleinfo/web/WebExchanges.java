package teleinfo.web;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Answers of the web routes: JSON bodies, errors as JSON, the read-access check. */
public final class WebExchanges {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebExchanges() {
    }

    public static void json(Exchange exchange, int status, Object body) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        out.setHeader("Cache-Control", "no-store");
        try {
            out.setBody(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void error(Exchange exchange, int status, String message) {
        json(exchange, status, Map.of("error", message));
    }

    /** The parameters of the request's query string. */
    public static QueryParameters parameters(Exchange exchange) {
        return QueryParameters.parse(exchange.getIn().getHeader(Exchange.HTTP_QUERY, String.class));
    }

    /**
     * Stops the exchange with 401 unless the request is allowed to read; removes the Authorization header either way
     * so that the credentials go no further.
     */
    public static Processor readAccessCheck(ReadAccess access) {
        return exchange -> {
            String authorization = exchange.getIn().getHeader("Authorization", String.class);
            exchange.getIn().removeHeader("Authorization");
            if (!access.allows(authorization)) {
                error(exchange, 401, "authentication required");
                if (access.basicAuth()) {
                    exchange.getMessage().setHeader("WWW-Authenticate", "Basic realm=\"teleinfo\", charset=\"UTF-8\"");
                }
                exchange.setRouteStop(true);
            }
        };
    }
}
