package teleinfo.web;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.camel.Message;
import org.apache.camel.http.common.DefaultHttpBinding;

/**
 * The HTTP binding of the data API's REST endpoints: the query string is left to {@link QueryParameters} (read from
 * {@code Exchange.HTTP_QUERY}), which answers a malformed one with a 400 and a JSON message. Camel's REST binding for
 * Jetty first has Jetty parse it into headers, and a malformed escape ({@code from=%E0%A4%}) then failed before any
 * route, with Jetty's own 500 page.
 */
public final class QueryStringBinding extends DefaultHttpBinding {
    @Override
    protected void populateRequestParameters(HttpServletRequest request, Message message) {
        // the query is not copied into headers: see the class comment
    }
}
