package teleinfo.server;

import java.util.function.BiConsumer;

/**
 * An answer other than 200, with the JSON body {@code {"error":…,"field":…,"index":…}} the client gets. Thrown
 * anywhere on the ingestion path and turned into the HTTP response by routes.server.JsonApiErrors (or, before any
 * route runs, by {@link JettyRefusal}).
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String field;
    private final Integer index;

    public ApiException(int status, String error, String field, Integer index) {
        this(status, error, field, index, null);
    }

    protected ApiException(int status, String error, String field, Integer index, Throwable cause) {
        super(error, cause, false, false);
        this.status = status;
        this.field = field;
        this.index = index;
    }

    public ApiException(int status, String error) {
        this(status, error, null, null);
    }

    public int status() {
        return status;
    }

    public String error() {
        return getMessage();
    }

    public String field() {
        return field;
    }

    public Integer index() {
        return index;
    }

    /**
     * The headers that go with this answer. For a refusal made before the body was read: what to send instead (401,
     * 405), and {@code Connection: close} since the unread body leaves the connection unusable for another request.
     */
    public void answerHeaders(BiConsumer<String, String> header) {
        if (status == 401) {
            header.accept("WWW-Authenticate", "Bearer");
        } else if (status == 405) {
            header.accept("Allow", "POST");
        }
        if (status == 401 || status == 404 || status == 405 || status == 408 || status == 413 || status == 415) {
            header.accept("Connection", "close");
        }
    }
}
