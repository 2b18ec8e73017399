package teleinfo.server;

import java.util.concurrent.TimeoutException;

/** What the failure of one step of an ingestion request answers, when it is a refusal the client caused. */
public final class ReadingBodyFailures {
    private ReadingBodyFailures() {
    }

    /**
     * This throwable (not its causes) as an answer: an ApiException itself; the 413 of a body read past the limit
     * (ReadingParser); the 408 of a body that came too slowly or stopped (SlowClientLimits, Jetty's idle timeout);
     * else null.
     */
    public static ApiException asApiException(Throwable t) {
        if (t instanceof ApiException api) {
            return api;
        }
        if (t instanceof BodyTooLargeException) {
            return new ApiException(413, t.getMessage());
        }
        if (t instanceof TimeoutException) {
            return new ApiException(408, "request body too slow: " + t.getMessage());
        }
        return null;
    }
}
