package teleinfo.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** A refusal answered by a Jetty handler before any route runs: the same JSON body and headers the route would send. */
final class JettyRefusal {
    private JettyRefusal() {
    }

    static boolean send(Response response, Callback callback, ApiException refusal) {
        response.setStatus(refusal.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        ApiResponses.refusalHeaders(refusal.status(), (name, value) -> response.getHeaders().put(name, value));
        byte[] body = ApiResponses.body(refusal.error(), null, null).getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
