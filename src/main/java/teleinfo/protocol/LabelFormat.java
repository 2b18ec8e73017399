package teleinfo.protocol;

/**
 * The shape of a group's DATA field, as the specifications give it for each label.
 * Checked on raw bytes, without allocating.
 */
public enum LabelFormat {
    /** Only ASCII digits, length in [min, max]. */
    DIGITS,
    /** Printable ASCII (0x20..0x7E), length in [min, max]. */
    TEXT,
    /** Upper-case hexadecimal digits, length in [min, max]. */
    HEX,
    /** Nothing at all (DATE: the payload is the horodate). */
    EMPTY;

    boolean accepts(byte[] b, int start, int len, int min, int max) {
        if (len < min || len > max) {
            return false;
        }
        int end = start + len;
        switch (this) {
            case DIGITS:
                for (int i = start; i < end; i++) {
                    int c = b[i];
                    if (c < '0' || c > '9') {
                        return false;
                    }
                }
                return true;
            case TEXT:
                for (int i = start; i < end; i++) {
                    int c = b[i];
                    if (c < 0x20 || c > 0x7E) {
                        return false;
                    }
                }
                return true;
            case HEX:
                for (int i = start; i < end; i++) {
                    int c = b[i];
                    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
                        return false;
                    }
                }
                return true;
            case EMPTY:
                return len == 0;
            default:
                return false;
        }
    }
}
