package teleinfo.server;

import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import teleinfo.http.JsonAnswers;

/** A refusal answered by a Jetty handler before any route runs: the same JSON body and headers the route would send. */
final class JettyRefusal {
    private JettyRefusal() {
    }

    static boolean send(Response response, Callback callback, ApiException refusal) {
        response.setStatus(refusal.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        refusal.answerHeaders((name, value) -> response.getHeaders().put(name, value));
        byte[] body = JsonAnswers.bytes(JsonAnswers.fieldError(refusal.error(), null, null));
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
