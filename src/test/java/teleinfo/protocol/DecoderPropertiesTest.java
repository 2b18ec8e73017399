package teleinfo.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import teleinfo.testsupport.Corpus;

/** Properties over many random inputs (fixed seeds, so a failure reproduces). */
class DecoderPropertiesTest {

    /** What a frame yields, as one comparable string. */
    private static String canonical(FrameView f) {
        TicFrame t = f.toFrame();
        return t.mode() + " " + t.values() + " " + t.horodates() + " " + t.unknownGroups() + " " + t.errors();
    }

    private static List<String> decodeInChunks(byte[] bytes, boolean lenient, Random random, int maxChunk) {
        List<String> out = new ArrayList<>();
        TicFrameDecoder d = new TicFrameDecoder(null, lenient, f -> out.add(canonical(f)));
        int i = 0;
        while (i < bytes.length) {
            int n = Math.min(bytes.length - i, 1 + random.nextInt(maxChunk));
            byte[] copy = java.util.Arrays.copyOfRange(bytes, i, i + n); // the decoder must not keep references
            d.feed(copy, 0, n);
            i += n;
        }
        out.add(d.stats().toString());
        return out;
    }

    @ParameterizedTest(name = "lenient={0}")
    @ValueSource(booleans = {false, true})
    void anyChunkingGivesTheSameFramesAndCounters(boolean lenient) {
        Random random = new Random(20261129);
        for (String file : Corpus.files()) {
            byte[] bytes = Corpus.read(file);
            List<String> whole = decodeInChunks(bytes, lenient, random, Integer.MAX_VALUE - 1);
            assertThat(decodeInChunks(bytes, lenient, random, 1)).as(file + " byte by byte").isEqualTo(whole);
            for (int round = 0; round < 20; round++) {
                int max = 1 + random.nextInt(300);
                assertThat(decodeInChunks(bytes, lenient, random, max)).as(file + " chunks up to " + max)
                        .isEqualTo(whole);
            }
        }
    }

    /** Free text: a character moved by +-64 (' ' to '`', '-' to 'm') keeps the 6-bit checksum; nothing can see it. */
    private static final Set<TicLabel> FREE_TEXT = Set.of(TicLabel.NGTF, TicLabel.LTARF, TicLabel.MSG1, TicLabel.MSG2);

    @ParameterizedTest(name = "lenient={0}")
    @ValueSource(booleans = {false, true})
    void oneCorruptionPerFrameNeverYieldsAValueThatWasNotSent(boolean lenient) {
        Random random = new Random(42);
        List<byte[]> frames = cleanFrames(random);
        Set<String> sent = new HashSet<>();
        for (byte[] frame : frames) {
            for (TicFrame f : Corpus.decode(frame, null)) {
                f.values().forEach((label, value) -> sent.add(label.text() + "=" + value + "@"
                        + f.horodates().get(label)));
            }
        }
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int corruptions = 0;
        for (int round = 0; round < 20; round++) {
            for (byte[] frame : frames) {
                stream.writeBytes(corruptOnce(frame, random));
                corruptions++;
            }
        }
        List<String> wrong = new ArrayList<>();
        int[] accepted = new int[1];
        TicFrameDecoder decoder = new TicFrameDecoder(null, lenient, view -> {
            TicFrame f = view.toFrame();
            for (Map.Entry<TicLabel, String> e : f.values().entrySet()) {
                accepted[0]++;
                String key = e.getKey().text() + "=" + e.getValue() + "@" + f.horodates().get(e.getKey());
                if (!FREE_TEXT.contains(e.getKey()) && !sent.contains(key)) {
                    wrong.add(key);
                }
            }
        });
        decoder.feed(stream.toByteArray());
        DecoderStats s = decoder.stats();
        assertThat(wrong).as("accepted values that were never sent").isEmpty();
        // the corruptions were seen, and most of the data still came through
        assertThat(s.checksumErrors() + s.formatErrors() + s.interruptedFrames()).isGreaterThan(corruptions / 2);
        assertThat(accepted[0]).isGreaterThan(corruptions * 5);
    }

    private static byte[] corruptOnce(byte[] frame, Random random) {
        int at = random.nextInt(frame.length);
        byte b = (byte) random.nextInt(128);
        ByteArrayOutputStream out = new ByteArrayOutputStream(frame.length + 1);
        switch (random.nextInt(3)) {
            case 0: // substitution by a different byte
                out.write(frame, 0, at);
                out.write(b == frame[at] ? (b ^ 1) : b);
                out.write(frame, at + 1, frame.length - at - 1);
                break;
            case 1: // drop
                out.write(frame, 0, at);
                out.write(frame, at + 1, frame.length - at - 1);
                break;
            default: // insertion
                out.write(frame, 0, at);
                out.write(b);
                out.write(frame, at, frame.length - at);
                break;
        }
        return out.toByteArray();
    }

    /** Every error-free frame of the real corpus, re-encoded, plus random frames of both modes. */
    private static List<byte[]> cleanFrames(Random random) {
        List<byte[]> out = new ArrayList<>();
        for (String file : Corpus.files()) {
            for (TicFrame f : Corpus.decode(Corpus.read(file), null)) {
                if (f.errors() == 0 && !f.values().isEmpty() && f.unknownGroups().isEmpty()) {
                    out.add(encode(f));
                }
            }
        }
        for (int i = 0; i < 200; i++) {
            TicEncoder e = new TicEncoder().startFrame();
            if (random.nextBoolean()) {
                e.historic("ADCO", digits(random, 12)).historic("OPTARIF", "HC..").historic("ISOUSC", "30")
                        .historic("HCHC", digits(random, 9)).historic("HCHP", digits(random, 9))
                        .historic("PTEC", random.nextBoolean() ? "HC.." : "HP..").historic("IINST", digits(random, 3))
                        .historic("PAPP", digits(random, 5)).historic("HHPHC", "A").historic("MOTDETAT", "000000");
            } else {
                String date = String.format("%c%02d%02d%02d%02d%02d%02d", random.nextBoolean() ? 'E' : 'H',
                        20 + random.nextInt(10), 1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24),
                        random.nextInt(60), random.nextInt(60));
                e.standard("ADSC", null, digits(random, 12)).standard("VTIC", null, "02").standard("DATE", date, "")
                        .standard("EAST", null, digits(random, 9)).standard("EASF01", null, digits(random, 9))
                        .standard("EASF02", null, digits(random, 9)).standard("IRMS1", null, digits(random, 3))
                        .standard("URMS1", null, digits(random, 3)).standard("SINSTS", null, digits(random, 5))
                        .standard("SMAXSN", date, digits(random, 5)).standard("STGE", null, "003A0001")
                        .standard("NTARF", null, "0" + (1 + random.nextInt(2)));
            }
            out.add(e.endFrame().toBytes());
        }
        return out;
    }

    private static byte[] encode(TicFrame f) {
        TicEncoder e = new TicEncoder().startFrame();
        f.values().forEach((label, value) -> {
            if (f.mode() == TicMode.HISTORIC) {
                e.historic(label.text(), value);
            } else {
                e.standard(label.text(), f.horodates().get(label), value);
            }
        });
        return e.endFrame().toBytes();
    }

    private static String digits(Random random, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }
}
