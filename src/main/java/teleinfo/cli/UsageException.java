package teleinfo.cli;

/** A bad command line or setting: reported as one line on standard error, exit status 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
