package teleinfo.web;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import teleinfo.http.JsonAnswers;

/** What the web routes read from a request: its query parameters, and whether it may read at all. */
public final class WebExchanges {
    private WebExchanges() {
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
                JsonAnswers.error(exchange, 401, "authentication required");
                if (access.basicAuth()) {
                    exchange.getMessage().setHeader("WWW-Authenticate", "Basic realm=\"teleinfo\", charset=\"UTF-8\"");
                }
                exchange.setRouteStop(true);
            }
        };
    }
}
