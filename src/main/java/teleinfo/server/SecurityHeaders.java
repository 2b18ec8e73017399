package teleinfo.server;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty handler for the whole HTTP port, outermost: {@code X-Content-Type-Options: nosniff} on every answer (a browser
 * never guesses a type other than the one sent, e.g. runs a JSON error as a script). The page's own
 * Content-Security-Policy is set where the page is served (WebPageRoute); the {@code Server} version banner is turned
 * off by {@code camel.component.jetty.sendServerVersion=false}.
 */
public final class SecurityHeaders extends Handler.Wrapper {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        return super.handle(request, response, callback);
    }
}
