package teleinfo.protocol;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The frame a {@link TicFrameDecoder} just completed, read in place from the decoder's buffer. Valid only during
 * {@link FrameListener#onFrame}; {@link #toFrame()} makes an immutable copy.
 */
public final class FrameView {
    private final TicFrameDecoder d;

    FrameView(TicFrameDecoder decoder) {
        this.d = decoder;
    }

    /**
     * Mode of the frame's accepted groups; when none was accepted, that of its first group with a recognisable
     * separator; else the forced mode, else historic.
     */
    public TicMode mode() {
        if (d.frameMode != null) {
            return d.frameMode;
        }
        if (d.frameModeHint != null) {
            return d.frameModeHint;
        }
        return d.forcedMode() != null ? d.forcedMode() : TicMode.HISTORIC;
    }

    public int groupCount() {
        return d.count;
    }

    public int unknownCount() {
        return d.unknownCount;
    }

    /** Groups of this frame that were rejected (checksum or format). */
    public int errors() {
        return d.frameErrors();
    }

    public TicLabel label(int i) {
        return TicFrameDecoder.LABELS[(int) (d.groups[i] >>> 48)];
    }

    public String value(int i) {
        return new String(d.buf, dataStart(i), dataLength(i), StandardCharsets.US_ASCII);
    }

    /** Copies the value of group i, as transmitted, into {@code dst} at {@code off}; returns its length. */
    public int copyValue(int i, byte[] dst, int off) {
        int len = dataLength(i);
        System.arraycopy(d.buf, dataStart(i), dst, off, len);
        return len;
    }

    /** Copies the horodate of group i into {@code dst} at {@code off}; returns its length, 0 if it has none. */
    public int copyHorodate(int i, byte[] dst, int off) {
        int h = (int) (d.groups[i] >>> 32 & 0xFFFF) - 1;
        if (h < 0) {
            return 0;
        }
        System.arraycopy(d.buf, h, dst, off, Horodate.LENGTH);
        return Horodate.LENGTH;
    }

    /** The numeric value of group i without allocating; -1 if it is not all digits. */
    public long number(int i) {
        long v = 0;
        int s = dataStart(i);
        int end = s + dataLength(i);
        if (s == end) {
            return -1;
        }
        for (int k = s; k < end; k++) {
            int c = d.buf[k] - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            v = v * 10 + c;
        }
        return v;
    }

    /** The horodate of group i as transmitted, or null. */
    public String horodate(int i) {
        int h = (int) (d.groups[i] >>> 32 & 0xFFFF) - 1;
        return h < 0 ? null : new String(d.buf, h, Horodate.LENGTH, StandardCharsets.US_ASCII);
    }

    private int dataStart(int i) {
        return (int) (d.groups[i] & 0xFFFF);
    }

    private int dataLength(int i) {
        return (int) (d.groups[i] >>> 16 & 0xFFFF);
    }

    /** An immutable copy of this frame. */
    public TicFrame toFrame() {
        Map<TicLabel, String> values = new LinkedHashMap<>();
        Map<TicLabel, String> dates = new LinkedHashMap<>();
        for (int i = 0; i < d.count; i++) {
            TicLabel label = label(i);
            if (values.containsKey(label)) {
                continue; // a label sent twice in one frame: the first one counts
            }
            values.put(label, value(i));
            String h = horodate(i);
            if (h != null) {
                dates.put(label, h);
            }
        }
        Map<String, String> unknown = new LinkedHashMap<>();
        for (int u = 0; u < d.unknownCount; u++) {
            String label = new String(d.buf, d.unknownLabelStart[u], d.unknownLabelLen[u], StandardCharsets.US_ASCII);
            unknown.putIfAbsent(label,
                    new String(d.buf, d.unknownDataStart[u], d.unknownDataLen[u], StandardCharsets.US_ASCII));
        }
        return new TicFrame(mode(), values, dates, unknown, d.frameErrors());
    }
}
