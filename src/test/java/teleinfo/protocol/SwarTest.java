package teleinfo.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Each eight-byte test against its byte-by-byte definition, for every byte value at every place in a word. */
class SwarTest {
    private static final Random RANDOM = new Random(15);

    private static byte[] randomWordWith(int place, int value) {
        byte[] b = new byte[Long.BYTES];
        RANDOM.nextBytes(b);
        b[place] = (byte) value;
        return b;
    }

    private static boolean highBit(long mask, int place) {
        return (mask >>> (place * 8 + 7) & 1) != 0;
    }

    @Test
    void byteTestsAreExactForEveryByteWhateverItsNeighbours() {
        for (int round = 0; round < 50; round++) {
            for (int place = 0; place < Long.BYTES; place++) {
                for (int v = 0; v < 256; v++) {
                    byte[] b = randomWordWith(place, v);
                    long w = Swar.word(b, 0);
                    byte c = (byte) v;
                    assertThat(highBit(Swar.notPrintableNorHt(w), place)).as("0x%02x", v)
                            .isEqualTo(c < 0x20 && c != 0x09); // as a signed byte: >= 0x80 included
                    assertThat(highBit(Swar.bytesEqual(w, (byte) 0x09), place)).isEqualTo(v == 0x09);
                    assertThat(highBit(Swar.bytesEqual(w, (byte) 0x20), place)).isEqualTo(v == 0x20);
                    byte[] hex = "0123ABCD".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    hex[place] = c;
                    assertThat(Swar.upperHex(Swar.word(hex, 0))).as("0x%02x", v)
                            .isEqualTo((v >= '0' && v <= '9') || (v >= 'A' && v <= 'F'));
                }
            }
        }
    }

    @Test
    void digitsPrintableAndSumsAgreeWithTheirDefinition() {
        byte[] b = new byte[64];
        for (int round = 0; round < 20_000; round++) {
            for (int i = 0; i < b.length; i++) { // mostly digits and text, with a few of everything else
                int r = RANDOM.nextInt(20);
                b[i] = (byte) (r < 12 ? '0' + RANDOM.nextInt(10) : r < 19 ? 0x20 + RANDOM.nextInt(0x5F)
                        : RANDOM.nextInt(256));
            }
            int s = RANDOM.nextInt(40);
            int len = RANDOM.nextInt(b.length - s + 1);
            boolean digits = true;
            boolean printable = true;
            int sum = 0;
            for (int i = s; i < s + len; i++) {
                digits &= b[i] >= '0' && b[i] <= '9';
                printable &= b[i] >= 0x20 && b[i] <= 0x7E;
                sum += b[i] & 0xFF;
            }
            assertThat(Swar.allDigits(b, s, len)).isEqualTo(digits);
            assertThat(Swar.allPrintable(b, s, len)).isEqualTo(printable);
            if (len >= 1 && len <= 16 && s + 16 <= b.length) {
                assertThat(Swar.allDigitsShort(b, s, len)).isEqualTo(digits);
            }
            long lanes = 0;
            int k = s;
            for (; k + 8 <= s + len; k += 8) {
                lanes += Swar.pairSums(Swar.word(b, k));
            }
            int tail = 0;
            for (; k < s + len; k++) {
                tail += b[k] & 0xFF;
            }
            assertThat((Swar.sumLanes(lanes) + tail) & 0x3F).isEqualTo(sum & 0x3F);
        }
    }

    /** The horodate check reads words when 16 bytes can be read, bytes otherwise: both say the same of any text. */
    @Test
    void horodateCheckIsTheSameInWordsAndInBytes() {
        String seasons = "EHeh xG";
        int valid = 0;
        for (int round = 0; round < 200_000; round++) {
            StringBuilder t = new StringBuilder().append(seasons.charAt(RANDOM.nextInt(seasons.length())));
            for (int k = 0; k < 6; k++) { // plausible pairs, sometimes just out of range, rarely not digits
                int limit = new int[] {99, 13, 32, 25, 61, 61}[k];
                int v = RANDOM.nextInt(limit + 1);
                t.append(RANDOM.nextInt(200) == 0 ? "a" + (v % 10) : String.format("%02d", v));
            }
            byte[] exact = t.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] padded = java.util.Arrays.copyOf(exact, exact.length + 2 * Long.BYTES);
            boolean plain = Horodate.isValid(exact, 0, exact.length);
            assertThat(Horodate.isValid(padded, 0, exact.length)).as(t.toString()).isEqualTo(plain);
            if (plain) {
                valid++;
                java.time.LocalDateTime.of(2000 + Integer.parseInt(t.substring(1, 3)), Integer.parseInt(t.substring(3, 5)),
                        Integer.parseInt(t.substring(5, 7)), Integer.parseInt(t.substring(7, 9)),
                        Integer.parseInt(t.substring(9, 11)), Integer.parseInt(t.substring(11, 13))); // a real time
            }
        }
        assertThat(valid).isGreaterThan(10_000);
    }
}
