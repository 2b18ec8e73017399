package teleinfo.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty handler in front of the ingestion route (camel-jetty {@code handlers=#readingsGuard}): answers what can be
 * decided from the request line and headers before any body is read, in this order: 405 (not POST), 401 (no valid
 * bearer token), 415 (not {@code application/json}), 413 (Content-Length over the limit). A body without a length
 * (chunked) is counted as it is read and fails with {@link BodyTooLargeException} past the limit, which the route
 * answers with 413. Other paths on the same port (the chart) pass through untouched.
 */
public final class ReadingsRequestGuard extends Handler.Wrapper {
    private final String path;
    private final TokenCheck tokens;
    private final long maxBodyBytes;

    public ReadingsRequestGuard(String path, TokenCheck tokens, long maxBodyBytes) {
        this.path = path;
        this.tokens = tokens;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!path.equals(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        if (!"POST".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            return reject(response, callback, 405, "method " + request.getMethod() + " not allowed: use POST");
        }
        if (!tokens.accepts(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            return reject(response, callback, 401, "missing or unknown bearer token");
        }
        if (!isJson(request.getHeaders().getField(HttpHeader.CONTENT_TYPE))) {
            return reject(response, callback, 415, "Content-Type must be application/json");
        }
        long length = request.getLength();
        if (length > maxBodyBytes) {
            return reject(response, callback, 413, "request body of " + length + " bytes over the limit of "
                    + maxBodyBytes);
        }
        return super.handle(length < 0 ? new CountingRequest(request, response, maxBodyBytes) : request, response, callback);
    }

    private static boolean isJson(HttpField contentType) {
        if (contentType == null) {
            return false;
        }
        String value = contentType.getValue();
        int semicolon = value.indexOf(';');
        String type = (semicolon < 0 ? value : value.substring(0, semicolon)).strip();
        return type.equalsIgnoreCase("application/json");
    }

    private static boolean reject(Response response, Callback callback, int status, String error) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        // the body is left unread: tell the client this connection cannot carry another request
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        byte[] body = ApiResponses.body(error, null, null).getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /**
     * Fails the body with BodyTooLargeException once more than the limit has been read, and marks the response
     * {@code Connection: close} since the rest of the body stays unread.
     */
    private static final class CountingRequest extends Request.Wrapper {
        private final Response response;
        private final long limit;
        private long read;

        CountingRequest(Request request, Response response, long limit) {
            super(request);
            this.response = response;
            this.limit = limit;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk == null || Content.Chunk.isFailure(chunk)) {
                return chunk;
            }
            read += chunk.remaining();
            if (read > limit) {
                chunk.release();
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                return Content.Chunk.from(new BodyTooLargeException(limit));
            }
            return chunk;
        }
    }
}
