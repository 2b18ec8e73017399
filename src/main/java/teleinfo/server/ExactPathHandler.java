package teleinfo.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.component.jetty.JettyHttpEndpoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty handler for the whole HTTP port: a request whose path is not exactly the path of one of the Jetty routes on
 * that port is answered 404 here, before any route or body is touched.
 *
 * <p>Why it is needed: camel-http-common looks a request's route up by its exact path first and then, failing that,
 * with {@code RestConsumerContextPathMatcher.matchPath}, which drops leading and trailing slashes and compares ignoring
 * case; Jetty has already resolved {@code .} segments. So {@code /api/readings/}, {@code /api/readings/.},
 * {@code /API/readings} and {@code /Api/Readings} all reached the ingestion route, past a guard that acted on the exact
 * path only. Camel offers no option to make that lookup exact (the resolve strategy is built in by the Jetty
 * component), hence this handler.
 */
public final class ExactPathHandler extends Handler.Wrapper {
    private final CamelContext camel;
    private volatile Set<String> paths = Set.of();
    private volatile int endpointCount = -1;

    public ExactPathHandler(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!routePaths(localPort(request)).contains(Request.getPathInContext(request))) {
            return JettyRefusal.send(response, callback, new ApiException(404, "not found"));
        }
        return super.handle(request, response, callback);
    }

    /** The paths of the Jetty consumers on this port; recomputed only when endpoints were added or removed. */
    private Set<String> routePaths(int port) {
        int count = camel.getEndpointRegistry().size();
        if (count != endpointCount) {
            paths = camel.getEndpoints().stream()
                    .filter(e -> e instanceof JettyHttpEndpoint j && j.getPort() == port)
                    .map(e -> ((JettyHttpEndpoint) e).getPath())
                    .collect(Collectors.toUnmodifiableSet());
            endpointCount = count;
        }
        return paths;
    }

    private static int localPort(Request request) {
        SocketAddress local = request.getConnectionMetaData().getLocalSocketAddress();
        return local instanceof InetSocketAddress inet ? inet.getPort() : -1;
    }
}
