package teleinfo.server;

import java.util.function.BiConsumer;

/** The database cannot be reached (or its schema is not migrated yet): the client should retry later (503). */
public class DatabaseUnavailableException extends ApiException {
    public static final int RETRY_AFTER_SECONDS = 10;

    public DatabaseUnavailableException(String error, Throwable cause) {
        super(503, error, null, null, cause);
    }

    @Override
    public void answerHeaders(BiConsumer<String, String> header) {
        header.accept("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
    }
}
