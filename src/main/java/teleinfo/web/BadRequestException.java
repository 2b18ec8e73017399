package teleinfo.web;

/** A client error in a request (missing or malformed parameter): answered with 400 and the message as JSON. */
public class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}
