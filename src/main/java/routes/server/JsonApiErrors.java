package routes.server;

import java.sql.SQLException;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import teleinfo.http.JsonAnswers;
import teleinfo.server.ApiException;
import teleinfo.server.ReadingBodyFailures;
import teleinfo.server.DatabaseUnavailableException;
import teleinfo.web.BadRequestException;

/**
 * The error policy of every JSON API on the server's port (ingestion and the chart's data API), applied by id:
 * {@code .routeConfigurationId(JsonApiErrors.ID)}. The exception that stopped a request becomes a JSON answer.
 * One clause that looks along the cause chain from the outside in, rather than one {@code onException} per type:
 * Camel matches from the root cause outwards, and an SQLException wrapped in a DatabaseUnavailableException must
 * keep the latter's answer (503 with Retry-After).
 */
public class JsonApiErrors extends RouteConfigurationBuilder {
    public static final String ID = "json-api-errors";
    private static final Logger LOG = LoggerFactory.getLogger(JsonApiErrors.class);

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class).handled(true).process(JsonApiErrors::answer);
    }

    static void answer(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        for (Throwable t = caught; t != null; t = t.getCause()) {
            ApiException api = ReadingBodyFailures.asApiException(t);
            if (api != null) {
                if (api instanceof DatabaseUnavailableException && api.getCause() != null) {
                    LOG.warn("answering 503: {} ({})", api.error(), rootMessage(api.getCause()));
                }
                JsonAnswers.json(exchange, api.status(), JsonAnswers.fieldError(api.error(), api.field(), api.index()));
                api.answerHeaders(exchange.getMessage()::setHeader);
                return;
            }
            if (t instanceof BadRequestException) {
                JsonAnswers.error(exchange, 400, t.getMessage());
                return;
            }
            if (t instanceof SQLException) {
                LOG.warn("answering 503: database error: {}", t.getMessage());
                JsonAnswers.error(exchange, 503, "database unavailable");
                return;
            }
        }
        LOG.error("unexpected failure of a request to {}", exchange.getFromRouteId(), caught);
        JsonAnswers.error(exchange, 500, "internal error");
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
