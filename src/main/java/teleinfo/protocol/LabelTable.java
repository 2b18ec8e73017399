package teleinfo.protocol;

/**
 * Finds the {@link TicLabel} of a label's raw bytes without hashing a string or allocating: the label's first eight
 * bytes, read as one {@code long}, are the key (no two labels of a mode share their first eight bytes; the few of
 * nine characters compare their ninth); multiplicative hash, open addressing. One table per mode.
 */
final class LabelTable {
    private static final int BITS = 9;
    private static final int SIZE = 1 << BITS; // over five times the ~90 labels of the largest mode: short probes
    private final long[] keys = new long[SIZE];
    private final int[] lengths = new int[SIZE];
    private final TicLabel[] slots = new TicLabel[SIZE];

    LabelTable(TicMode mode) {
        for (TicLabel label : TicLabel.values()) {
            if (label.mode() != mode) {
                continue;
            }
            byte[] b = java.util.Arrays.copyOf(label.bytes(), Long.BYTES * 2);
            long key = key(Swar.word(b, 0), label.bytes().length);
            int i = slot(key);
            while (slots[i] != null) {
                if (keys[i] == key) {
                    throw new IllegalStateException(label + " and " + slots[i] + " share their first 8 bytes");
                }
                i = (i + 1) & (SIZE - 1);
            }
            keys[i] = key;
            lengths[i] = label.bytes().length;
            slots[i] = label;
        }
    }

    /**
     * @param first the eight bytes at {@code start} (beyond the label too)
     */
    TicLabel find(long first, byte[] b, int start, int len) {
        long key = key(first, len);
        int i = slot(key);
        TicLabel candidate;
        while ((candidate = slots[i]) != null) {
            if (keys[i] == key) {
                return lengths[i] == len && (len <= Long.BYTES || tailEqual(candidate.bytes(), b, start))
                        ? candidate : null;
            }
            i = (i + 1) & (SIZE - 1);
        }
        return null;
    }

    private static long key(long first, int len) {
        return len >= Long.BYTES ? first : first & ((1L << (len << 3)) - 1);
    }

    private static int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - BITS));
    }

    private static boolean tailEqual(byte[] label, byte[] b, int start) {
        for (int k = Long.BYTES; k < label.length; k++) {
            if (label[k] != b[start + k]) {
                return false;
            }
        }
        return true;
    }
}
