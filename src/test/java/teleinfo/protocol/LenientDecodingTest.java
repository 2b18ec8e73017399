package teleinfo.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import teleinfo.testsupport.Corpus;

/** Lenient framing: what a tty in cooked mode leaves of a capture (CR turned into LF, ETX lost). */
class LenientDecodingTest {
    /** CR translated into LF, no ETX at all: LF group LF LF group LF ... STX. */
    static final String CR_TO_LF_CAPTURE = "ticdecodecpp-hist-base-3p-2024-raw.bin";

    private static List<TicFrame> decode(byte[] bytes, boolean lenient, DecoderStats[] stats) {
        List<TicFrame> frames = new ArrayList<>();
        TicFrameDecoder d = new TicFrameDecoder(null, lenient, f -> frames.add(f.toFrame()));
        d.feed(bytes);
        if (stats != null) {
            stats[0] = d.stats();
        }
        return frames;
    }

    @Test
    void recoversEveryGroupOfTheCrToLfCaptureThatStrictFramingLoses() {
        byte[] raw = Corpus.read(CR_TO_LF_CAPTURE);
        assertThat(decode(raw, false, null)).as("strict").isEmpty();

        DecoderStats[] stats = new DecoderStats[1];
        List<TicFrame> lenient = decode(raw, true, stats);
        // the same frames as the capture with its framing restored (STX used as frame end), decoded strictly
        List<TicFrame> normalized = Corpus.decode(
                Corpus.read("normalized/ticdecodecpp-hist-base-3p-2024.normalized.bin"), null);
        assertThat(normalized).hasSize(4);
        assertThat(lenient).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(lenient.get(i).values()).isEqualTo(normalized.get(i).values());
            assertThat(lenient.get(i).errors()).isZero();
        }
        assertThat(stats[0].groupsAccepted()).isEqualTo(64);
        assertThat(stats[0].checksumErrors() + stats[0].formatErrors()).isZero();
    }

    /**
     * The proof that lenient framing takes nothing a checksum does not vouch for: every line of the capture that the
     * lenient decoder took, put back between LF and CR in a frame of its own, passes the strict decoder.
     */
    @Test
    void everyGroupRecoveredPassesAStrictChecksum() {
        byte[] raw = Corpus.read(CR_TO_LF_CAPTURE);
        List<String> recovered = new ArrayList<>();
        for (TicFrame f : decode(raw, true, null)) {
            f.values().forEach((label, value) -> recovered.add(label.text() + " " + value));
        }
        List<String> provenStrictly = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= raw.length; i++) {
            if (i == raw.length || raw[i] == TicFrameDecoder.LF || raw[i] == TicFrameDecoder.STX) {
                if (i > start) {
                    ByteArrayOutputStream frame = new ByteArrayOutputStream();
                    frame.write(TicFrameDecoder.STX);
                    frame.write(TicFrameDecoder.LF);
                    frame.write(raw, start, i - start);
                    frame.write(TicFrameDecoder.CR);
                    frame.write(TicFrameDecoder.ETX);
                    for (TicFrame f : Corpus.decode(frame.toByteArray(), null)) {
                        f.values().forEach((label, value) -> provenStrictly.add(label.text() + " " + value));
                    }
                }
                start = i + 1;
            }
        }
        assertThat(recovered).hasSize(64);
        // each recovered group is a line with a good checksum (the lines of the last frame, never ended by an STX,
        // are not delivered: 72 lines, 71 of them whole)
        assertThat(provenStrictly).containsAll(recovered).hasSize(71);
    }

    @Test
    void groupsEndAtCrLfOrCrLfAndStxEndsAFrameWhoseEtxWasLost() {
        byte[] frame = new TicEncoder().startFrame().historic("ADCO", "021528603314").historic("PAPP", "00750")
                .historic("PTEC", "TH..").endFrame().toBytes();
        String text = new String(frame, java.nio.charset.StandardCharsets.US_ASCII);
        // the same frame three ways: CR LF as sent, CR turned into LF, CR dropped; then ETX lost
        String crToLf = text.replace('\r', '\n');
        String crDropped = text.replace("\r", "");
        String etxLost = text.replace("\u0003", "");
        byte[] stream = (text + crToLf + crDropped + etxLost + text).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        List<TicFrame> lenient = decode(stream, true, null);
        assertThat(lenient).hasSize(5);
        assertThat(lenient).allSatisfy(f -> {
            assertThat(f.values()).hasSize(3);
            assertThat(f.errors()).isZero();
        });
        // strict: the CR-less frames keep no group (each is broken), the ETX-less frame is dropped
        List<TicFrame> strict = decode(stream, false, null);
        assertThat(strict).hasSize(4);
        assertThat(strict.get(1).values()).isEmpty();
        assertThat(strict.get(2).values()).isEmpty();
    }

    @Test
    void aGroupCutByLfIsStillCheckedAndRejected() {
        // "PAPP 00750 ," with an LF in the middle of its data: neither part has a checksum that fits
        byte[] frame = new TicEncoder().startFrame().historic("ADCO", "021528603314").historic("PAPP", "00750")
                .endFrame().toBytes();
        String text = new String(frame, java.nio.charset.StandardCharsets.US_ASCII).replace("PAPP 007", "PAPP 0\n07");
        DecoderStats[] stats = new DecoderStats[1];
        List<TicFrame> frames = decode(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII), true, stats);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).values()).containsOnlyKeys(TicLabel.ADCO);
        assertThat(frames.get(0).errors()).isEqualTo(2);
    }
}
