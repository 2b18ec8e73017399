package teleinfo.server;

/**
 * An answer other than 200, with the JSON body {@code {"error":…,"field":…,"index":…}} the client gets. Thrown
 * anywhere on the ingestion path and turned into the HTTP response by the route's error handler.
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
}
