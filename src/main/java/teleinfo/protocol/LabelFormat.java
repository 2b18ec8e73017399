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
    /** Upper-case letters and digits only (MOTDETAT, PPOT, HHPHC). */
    UPPER_ALNUM,
    /** Nothing at all (DATE: the payload is the horodate). */
    EMPTY,
    /** PTEC: one of the periods of [02E]. */
    PTEC_VALUE,
    /** OPTARIF: {@code BASE}, {@code HC..}, {@code EJP.} or {@code BBR} + a programme character in 0x20..0x3F. */
    OPTARIF_VALUE,
    /** DEMAIN: {@code ----}, {@code BLEU}, {@code BLAN} or {@code ROUG}. */
    DEMAIN_VALUE,
    /** PJOURF+1 / PPOINTE: 11 blocks of 8 upper-case hex digits or {@code NONUTILE}, separated by one space. */
    DAY_PROFILE;

    // each vocabulary word is 4 bytes: compared as one int (little-endian, as Swar reads words)
    private static final int[] PTEC_VALUES = ascii4("TH..", "HC..", "HP..", "HN..", "PM..",
            "HCJB", "HPJB", "HCJW", "HPJW", "HCJR", "HPJR");
    private static final int[] DEMAIN_VALUES = ascii4("----", "BLEU", "BLAN", "ROUG");
    private static final int[] OPTARIF_VALUES = ascii4("BASE", "HC..", "EJP.");
    private static final long NONUTILE_WORD = Swar.word(ascii("NONUTILE")[0], 0);

    /*
     * Why the closed vocabularies: the 6-bit checksum cannot see a character moved by +-64 (e.g. '.' <-> 'n',
     * ' ' <-> '`'); a value outside the specification's set is the only way to catch that corruption.
     */

    boolean accepts(byte[] b, int start, int len, int min, int max) {
        if (len < min || len > max) {
            return false;
        }
        switch (this) {
            case DIGITS:
                return Swar.allDigits(b, start, len);
            case TEXT:
                return Swar.allPrintable(b, start, len);
            case HEX:
                return len == Long.BYTES && start + len <= b.length ? Swar.upperHex(Swar.word(b, start))
                        : allOf(b, start, len, C_HEX);
            case UPPER_ALNUM:
                return allOf(b, start, len, C_UPPER_ALNUM);
            case EMPTY:
                return len == 0;
            case PTEC_VALUE:
                return oneOf(PTEC_VALUES, int4(b, start));
            case DEMAIN_VALUE:
                return oneOf(DEMAIN_VALUES, int4(b, start));
            case OPTARIF_VALUE:
                return oneOf(OPTARIF_VALUES, int4(b, start))
                        || (b[start] == 'B' && b[start + 1] == 'B' && b[start + 2] == 'R'
                            && b[start + 3] >= 0x20 && b[start + 3] <= 0x3F);
            case DAY_PROFILE:
                return dayProfile(b, start, len);
            default:
                return false;
        }
    }

    private static final byte C_DIGIT = 1, C_PRINTABLE = 2, C_HEX = 4, C_UPPER_ALNUM = 8;
    /** Character classes of the 7-bit bytes, one bit per class: one table lookup per byte on the hot path. */
    private static final byte[] CLASSES = new byte[128];

    static {
        for (int c = 0x20; c <= 0x7E; c++) {
            boolean digit = c >= '0' && c <= '9';
            boolean upper = c >= 'A' && c <= 'Z';
            CLASSES[c] = (byte) (C_PRINTABLE | (digit ? C_DIGIT | C_HEX | C_UPPER_ALNUM : 0)
                    | (c >= 'A' && c <= 'F' ? C_HEX : 0) | (upper ? C_UPPER_ALNUM : 0));
        }
    }

    private static boolean allOf(byte[] b, int start, int len, byte classBit) {
        for (int i = start, end = start + len; i < end; i++) {
            int c = b[i];
            if (c < 0 || (CLASSES[c] & classBit) == 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean oneOf(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    /** The 4 bytes at {@code start} (the callers checked that the length is 4). */
    private static int int4(byte[] b, int start) {
        return (b[start] & 0xFF) | (b[start + 1] & 0xFF) << 8 | (b[start + 2] & 0xFF) << 16 | (b[start + 3] & 0xFF) << 24;
    }

    private static boolean dayProfile(byte[] b, int start, int len) {
        if (len != 98) {
            return false;
        }
        for (int block = 0; block < 11; block++) {
            int s = start + block * 9;
            if (block > 0 && b[s - 1] != ' ') {
                return false;
            }
            long w = Swar.word(b, s); // within the 98 bytes
            if (w != NONUTILE_WORD && !Swar.upperHex(w)) {
                return false;
            }
        }
        return true;
    }

    private static int[] ascii4(String... values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = int4(values[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0);
        }
        return out;
    }

    private static byte[][] ascii(String... values) {
        byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return out;
    }
}
