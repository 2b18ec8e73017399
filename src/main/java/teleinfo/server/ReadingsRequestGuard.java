package teleinfo.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty handler in front of the ingestion route (camel-jetty {@code handlers=...,#readingsGuard}): answers what
 * {@link IngestionRequestCheck} decides from the request line and headers, before any of the body is read, so that a
 * refused request costs no body read and nothing of it reaches the log. Requests for other paths pass through (the
 * chart; {@link ExactPathHandler} has already refused paths no route has). The route makes the same check again.
 */
public final class ReadingsRequestGuard extends Handler.Wrapper {
    private final IngestionRequestCheck check;

    public ReadingsRequestGuard(IngestionRequestCheck check) {
        this.check = check;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!IngestionRequestCheck.PATH.equalsIgnoreCase(stripSlashes(Request.getPathInContext(request)))) {
            return super.handle(request, response, callback);
        }
        ApiException refusal = check.refusal(request.getHttpURI().getPath(), request.getMethod(),
                request.getHeaders().get(HttpHeader.AUTHORIZATION), request.getHeaders().get(HttpHeader.CONTENT_TYPE),
                request.getLength());
        if (refusal != null) {
            return JettyRefusal.send(response, callback, refusal);
        }
        return super.handle(request, response, callback);
    }

    /** The spellings camel-http-common would send to the same route: case and outer slashes aside. */
    private static String stripSlashes(String path) {
        int from = 0;
        int to = path.length();
        while (from < to && path.charAt(from) == '/') {
            from++;
        }
        while (to > from && path.charAt(to - 1) == '/') {
            to--;
        }
        return "/" + path.substring(from, to);
    }
}
