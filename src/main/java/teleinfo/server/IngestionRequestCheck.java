package teleinfo.server;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * What {@code POST /api/readings} decides from the request line and headers alone, before any of the body is read,
 * in this order: 404 (any path other than exactly {@link #PATH}), 405 (not POST), 401 (no valid bearer token), 415
 * (not {@code application/json}), 413 (Content-Length over the limit). The same check runs twice: in the Jetty guard
 * ({@link ReadingsRequestGuard}, so that nothing is read from a refused request) and at the start of the ingestion
 * route (so that no spelling of the path and no handler order can reach the store without it).
 */
public final class IngestionRequestCheck implements Processor {
    public static final String PATH = "/api/readings";

    private final TokenCheck tokens;
    private final long maxBodyBytes;

    public IngestionRequestCheck(TokenCheck tokens, long maxBodyBytes) {
        this.tokens = tokens;
        this.maxBodyBytes = maxBodyBytes;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * The refusal for this request, or null when its body may be read.
     *
     * @param path the path as the client wrote it (undecoded, without the query)
     * @param length the Content-Length, or -1 when there is none (chunked)
     */
    public ApiException refusal(String path, String method, String authorization, String contentType, long length) {
        if (!PATH.equals(path)) {
            return new ApiException(404, "not found");
        }
        if (!"POST".equals(method)) {
            return new ApiException(405, "method " + printable(method) + " not allowed: use POST");
        }
        if (!tokens.accepts(authorization)) {
            return new ApiException(401, "missing or unknown bearer token");
        }
        if (!isJson(contentType)) {
            return new ApiException(415, "Content-Type must be application/json");
        }
        if (length > maxBodyBytes) {
            return new ApiException(413, "request body of " + length + " bytes over the limit of " + maxBodyBytes);
        }
        return null;
    }

    /**
     * In the route: the same check from the headers camel-jetty copied from the request; throws the refusal. The
     * Authorization header goes no further.
     */
    @Override
    public void process(Exchange exchange) {
        var in = exchange.getIn();
        String authorization = in.getHeader("Authorization", String.class);
        in.removeHeader("Authorization");
        Long length = in.getHeader(Exchange.CONTENT_LENGTH, Long.class);
        ApiException refusal = refusal(in.getHeader(Exchange.HTTP_URI, String.class),
                in.getHeader(Exchange.HTTP_METHOD, String.class), authorization,
                in.getHeader(Exchange.CONTENT_TYPE, String.class), length == null ? -1 : length);
        if (refusal != null) {
            throw refusal;
        }
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.equalsIgnoreCase("application/json");
    }

    /** A method token is client text: echoed only when it is a short plain word. */
    private static String printable(String method) {
        return method != null && method.matches("[A-Z]{1,10}") ? method : "?";
    }
}
