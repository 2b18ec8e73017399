package teleinfo.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes at a time in a {@code long} ("SIMD within a register"): the decoder's hot path finds a group's end,
 * sums its checksum and checks digits this way instead of byte by byte. Every test here is exact for each byte (no
 * carry or borrow crosses from one byte into the next), so any byte of the result can be trusted, not only the
 * first. Byte {@code k} of a word is the byte at offset {@code k} of the array (little-endian view).
 */
final class Swar {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH = 0x8080808080808080L;
    private static final long ONES = 0x0101010101010101L;
    private static final long EVEN_BYTES = 0x00FF00FF00FF00FFL;
    private static final long ZEROS_ASCII = 0x3030303030303030L;
    private static final long NIBBLE_HIGH = 0xF0F0F0F0F0F0F0F0L;

    private Swar() {
    }

    /** The eight bytes at {@code i}, byte {@code i} in the lowest bits. */
    static long word(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    static void store(byte[] b, int i, long w) {
        LONGS.set(b, i, w);
    }

    /** The high bit of each byte that is a control byte other than HT, or >= 0x80: what ends a group's body. */
    static long notPrintableNorHt(long w) {
        long control = ~((w & LOW7) + 0x6060606060606060L); // (byte & 0x7F) + 0x60 < 0x80 <=> (byte & 0x7F) < 0x20
        return (control | w) & ~bytesEqual(w, (byte) 0x09) & HIGH;
    }

    /** The high bit of each byte that is a control byte (HT included) or >= 0x80. */
    static long notPrintable(long w) {
        return (~((w & LOW7) + 0x6060606060606060L) | w) & HIGH;
    }

    /** The high bit of each byte equal to {@code c}. */
    static long bytesEqual(long w, byte c) {
        long x = w ^ (ONES * (c & 0xFF)); // zero where equal
        return ~(((x & LOW7) + LOW7) | x) & HIGH;
    }

    /** The bytes summed pairwise into four 16-bit lanes; add up to 128 of these before a lane can overflow. */
    static long pairSums(long w) {
        return (w & EVEN_BYTES) + ((w >>> 8) & EVEN_BYTES);
    }

    /** The sum of the four lanes, modulo 2^16 (the checksum needs it modulo 64). */
    static int sumLanes(long lanes) {
        return (int) ((lanes * 0x0001000100010001L) >>> 48);
    }

    /** True when the {@code len} bytes at {@code s} are all ASCII digits. */
    static boolean allDigits(byte[] b, int s, int len) {
        return all(b, s, len, true);
    }

    /** True when the {@code len} bytes at {@code s} are all printable ASCII (0x20..0x7E). */
    static boolean allPrintable(byte[] b, int s, int len) {
        return all(b, s, len, false);
    }

    /** Whole words, then the last one with the bytes past {@code len} replaced by '0' (a digit, and printable). */
    private static boolean all(byte[] b, int s, int len, boolean digits) {
        int k = 0;
        for (; k + Long.BYTES <= len; k += Long.BYTES) {
            if (!(digits ? digits(word(b, s + k)) : printable(word(b, s + k)))) {
                return false;
            }
        }
        if (k == len) {
            return true;
        }
        if (s + k + Long.BYTES <= b.length) {
            long keep = (1L << ((len - k) << 3)) - 1;
            long w = (word(b, s + k) & keep) | (ZEROS_ASCII & ~keep);
            return digits ? digits(w) : printable(w);
        }
        for (; k < len; k++) {
            byte c = b[s + k];
            if (digits ? c < '0' || c > '9' : c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #allDigits} without a loop or a branch, for 1 to 16 bytes when 16 bytes can be read at {@code s}: two
     * words, the bytes past {@code len} replaced by '0'.
     */
    static boolean allDigitsShort(byte[] b, int s, int len) {
        long keep0 = firstBytes(Math.min(len, Long.BYTES));
        long keep1 = firstBytes(Math.max(len - Long.BYTES, 0));
        return (notDigits((word(b, s) & keep0) | (ZEROS_ASCII & ~keep0))
                | notDigits((word(b, s + Long.BYTES) & keep1) | (ZEROS_ASCII & ~keep1))) == 0;
    }

    /** A mask of the first {@code n} bytes of a word, 0 <= n <= 8 (two shifts: a shift by 64 is a shift by 0). */
    private static long firstBytes(int n) {
        return ~((-1L << (n << 2)) << (n << 2));
    }

    /** Not zero when a byte is not a digit: see {@link #digits(long)}. */
    private static long notDigits(long w) {
        return ((w & NIBBLE_HIGH) ^ ZEROS_ASCII) | (((w + 0x0606060606060606L) & NIBBLE_HIGH) ^ ZEROS_ASCII);
    }

    /** Eight ASCII digits d0..d7 as four 16-bit lanes: d0*10+d1 in the lowest, d6*10+d7 in the highest. */
    static long digitPairs(long w) {
        long d = w - ZEROS_ASCII; // digits only: no borrow
        return (d & EVEN_BYTES) * 10 + (d >>> 8 & EVEN_BYTES);
    }

    /** True when the eight bytes are upper-case hexadecimal digits: each in 0x30..0x39 or 0x41..0x46. */
    static boolean upperHex(long w) {
        long x = w & LOW7; // each byte + 0x50 (or 0xB9 - byte) stays within its byte: exact per byte
        long digit = (x + 0x5050505050505050L) & (0xB9B9B9B9B9B9B9B9L - x);  // >= 0x30 and <= 0x39
        long letter = (x + 0x3F3F3F3F3F3F3F3FL) & (0xC6C6C6C6C6C6C6C6L - x); // >= 0x41 and <= 0x46
        return ((digit | letter) & HIGH) == HIGH && (w & HIGH) == 0;
    }

    /** Not printable: high bit set, (byte & 0x7F) < 0x20, or 0x7F (the only 7-bit byte that reaches 0x80 plus 1). */
    private static boolean printable(long w) {
        long low = w & LOW7;
        return ((w | ~(low + 0x6060606060606060L) | (low + ONES)) & HIGH) == 0;
    }

    /** '0'..'9' is 0x30..0x39: high nibble 3, and still 3 after adding 6 (a byte >= 0xFA fails the first test). */
    private static boolean digits(long w) {
        return (w & NIBBLE_HIGH) == ZEROS_ASCII && ((w + 0x0606060606060606L) & NIBBLE_HIGH) == ZEROS_ASCII;
    }
}
