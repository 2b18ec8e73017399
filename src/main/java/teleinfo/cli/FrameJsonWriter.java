package teleinfo.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import teleinfo.protocol.FrameView;
import teleinfo.protocol.TicLabel;
import teleinfo.protocol.TicMode;

/**
 * Writes each frame as one JSON line, {@code {"mode":..,"groups":{..},"dates":{..},"errors":n}}, straight from the
 * decoder's buffer into its own 64 KiB buffer, flushed when nearly full and by {@link #close()}. A label sent twice
 * in a frame: the first one counts, as in TicFrame.
 *
 * <p>Hand-written rather than Jackson's streaming generator, for a measured reason: on the benchmark's streams the
 * {@code decode} command goes through 295 (historic) and 375 (standard) MB/s with this writer, 212 and 250 with the
 * generator fed the same bytes (DecodeOutputBenchmark, thread CPU time). The shape is fixed and the values need
 * little: the decoder only accepts printable ASCII, so the only characters JSON wants escaped are {@code "} and
 * {@code \}. DecodeCommandTest checks every line of every capture against what Jackson makes of the same frame.
 */
final class FrameJsonWriter implements AutoCloseable {
    private static final byte[][] LABELS = new byte[TicLabel.values().length][];
    private static final byte[] HISTORIC = ascii("{\"mode\":\"historic\",\"groups\":{");
    private static final byte[] STANDARD = ascii("{\"mode\":\"standard\",\"groups\":{");
    private static final byte[] DATES = ascii("},\"dates\":{");
    private static final byte[] ERRORS = ascii("},\"errors\":");
    /** More than the longest line a frame can make (4 KiB of groups, each value escaped, plus their dates). */
    private static final int LONGEST_LINE = 1 << 15;

    static {
        for (TicLabel label : TicLabel.values()) {
            LABELS[label.ordinal()] = ascii("\"" + label.text() + "\":\"");
        }
    }

    private final OutputStream out;
    private final byte[] buf = new byte[2 * LONGEST_LINE];
    private final byte[] value = new byte[256];
    /** Labels already written in this frame, one bit per TicLabel ordinal. */
    private final long[] seen = new long[(TicLabel.values().length + 63) / 64];
    private int n;

    FrameJsonWriter(OutputStream out) {
        this.out = out;
    }

    void write(FrameView frame) {
        if (n > buf.length - LONGEST_LINE) {
            flush();
        }
        put(frame.mode() == TicMode.HISTORIC ? HISTORIC : STANDARD);
        boolean horodated = writeGroups(frame, false);
        put(DATES);
        if (horodated) {
            writeGroups(frame, true);
        }
        put(ERRORS);
        String errors = Integer.toString(frame.errors());
        for (int k = 0; k < errors.length(); k++) {
            buf[n++] = (byte) errors.charAt(k);
        }
        buf[n++] = '}';
        buf[n++] = '\n';
    }

    /** The first group of each label: its value, or its horodate. Returns whether a horodated label was written. */
    private boolean writeGroups(FrameView frame, boolean dates) {
        java.util.Arrays.fill(seen, 0);
        boolean horodated = false;
        boolean first = true;
        for (int i = 0; i < frame.groupCount(); i++) {
            TicLabel label = frame.label(i);
            int o = label.ordinal();
            if ((dates && !label.isHorodated()) || (seen[o >>> 6] & 1L << o) != 0) {
                continue;
            }
            seen[o >>> 6] |= 1L << o;
            if (!first) {
                buf[n++] = ',';
            }
            first = false;
            put(LABELS[o]);
            putEscaped(dates ? frame.copyHorodate(i, value, 0) : frame.copyValue(i, value, 0));
            buf[n++] = '"';
            horodated |= label.isHorodated();
        }
        return horodated;
    }

    private void put(byte[] b) {
        System.arraycopy(b, 0, buf, n, b.length);
        n += b.length;
    }

    private void putEscaped(int len) {
        for (int k = 0; k < len; k++) {
            byte c = value[k];
            if (c == '"' || c == '\\') {
                buf[n++] = '\\';
            }
            buf[n++] = c;
        }
    }

    private void flush() {
        try {
            out.write(buf, 0, n);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        n = 0;
    }

    @Override
    public void close() {
        flush();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
