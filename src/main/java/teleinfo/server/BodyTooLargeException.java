package teleinfo.server;

import java.io.IOException;

/** A request body (chunked, so without a Content-Length checked up front) grew over the limit while being read. */
public class BodyTooLargeException extends IOException {
    public BodyTooLargeException(long limit) {
        super("request body over the limit of " + limit + " bytes");
    }
}
