package teleinfo.protocol;

/**
 * Finds the {@link TicLabel} of a label's raw bytes without allocating: open addressing on a small hash, then a
 * byte-for-byte comparison. One table per mode.
 */
final class LabelTable {
    private static final int SIZE = 512; // power of two, well over the ~90 labels of the largest mode
    private final TicLabel[] slots = new TicLabel[SIZE];

    LabelTable(TicMode mode) {
        for (TicLabel label : TicLabel.values()) {
            if (label.mode() != mode) {
                continue;
            }
            byte[] b = label.bytes();
            int i = hash(b, 0, b.length);
            while (slots[i] != null) {
                i = (i + 1) & (SIZE - 1);
            }
            slots[i] = label;
        }
    }

    TicLabel find(byte[] b, int start, int len) {
        int i = hash(b, start, len);
        TicLabel candidate;
        while ((candidate = slots[i]) != null) {
            byte[] c = candidate.bytes();
            if (c.length == len && equal(c, b, start, len)) {
                return candidate;
            }
            i = (i + 1) & (SIZE - 1);
        }
        return null;
    }

    private static boolean equal(byte[] label, byte[] b, int start, int len) {
        for (int k = 0; k < len; k++) {
            if (label[k] != b[start + k]) {
                return false;
            }
        }
        return true;
    }

    private static int hash(byte[] b, int start, int len) {
        int h = len;
        for (int k = 0; k < len; k++) {
            h = h * 31 + b[start + k];
        }
        h ^= h >>> 9;
        return h & (SIZE - 1);
    }
}
