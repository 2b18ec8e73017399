package teleinfo.protocol;

import static teleinfo.protocol.Swar.word;

/**
 * Streaming TIC decoder for both modes. Feed it bytes in any chunking; it calls the {@link FrameListener} once per
 * complete frame, with the groups that passed every check.
 *
 * <p>Framing: STX..ETX; EOT drops the frame in progress; STX inside a frame restarts it; bytes outside a frame are
 * skipped (so are the partial frames at the start and end of a stream). Groups are LF..CR.
 *
 * <p>Lenient framing, for captures that went through a line discipline (CR turned into LF or dropped, ETX lost): a
 * group also ends at LF (LF..LF, LF..CR LF) or at the end of its frame, and an STX inside a frame ends it and delivers
 * it instead of dropping it. What is accepted does not change: every group still needs its checksum and its format
 * right, so a damaged capture yields every group that can be proven and nothing else.
 *
 * <p>A group is accepted only if its checksum is right, its label is known for its mode and its DATA (and horodate)
 * have the format the specification gives that label. A well-formed unknown label is kept apart, never among the
 * known values. The group's mode comes from the separator before its checksum (HT standard, SP historic) unless a
 * mode is forced; all groups of a frame must share the mode of its first accepted group.
 *
 * <p>The hot path does not allocate. Bytes are copied into one frame buffer and indexed; the group's end is found and
 * its checksum summed eight bytes at a time ({@link Swar}), and the label is looked up from its first eight bytes read
 * as one {@code long}.
 */
public final class TicFrameDecoder {
    static final byte STX = 0x02, ETX = 0x03, EOT = 0x04, LF = 0x0A, CR = 0x0D, SP = 0x20, HT = 0x09;
    /** Longest group kept (label + horodate + data + separators + checksum); PJOURF+1 needs 111. */
    static final int MAX_GROUP = 160;
    static final int MAX_FRAME = 4096;
    static final int MAX_GROUPS = 128;
    private static final int MAX_LABEL = 10;

    private static final LabelTable HISTORIC_LABELS = new LabelTable(TicMode.HISTORIC);
    private static final LabelTable STANDARD_LABELS = new LabelTable(TicMode.STANDARD);

    private static final int IDLE = 0, IN_FRAME = 1, IN_GROUP = 2;

    private final TicMode forcedMode;
    private final boolean lenient;
    private final FrameListener listener;
    private final DecoderStats stats = new DecoderStats();
    private final FrameView view = new FrameView(this);

    private int state = IDLE;
    /**
     * The current frame: bytes of accepted groups, then the group being received. The slack at the end lets a group
     * be read eight bytes at a time past its last byte.
     */
    final byte[] buf = new byte[MAX_FRAME + MAX_GROUP + 2 * Long.BYTES];
    private int frameLen;
    /** Bytes of the group in progress in the frame buffer; -1 once it is longer than MAX_GROUP (it will fail). */
    private int groupLen;
    /** Sum of the bytes of the group so far, computed while scanning for its end. */
    private int groupSum;
    TicMode frameMode;
    /** Mode of the first group of the frame with a recognisable separator, accepted or not. */
    TicMode frameModeHint;
    int frameChecksumErrors;
    int frameFormatErrors;

    int frameErrors() {
        return frameChecksumErrors + frameFormatErrors;
    }
    static final TicLabel[] LABELS = TicLabel.values();
    /**
     * Accepted groups of the current frame, one {@code long} each (one store per group, and no reference store with
     * its garbage-collector barrier): label ordinal << 48 | (horodate start + 1) << 32 | data length << 16 | data start.
     */
    final long[] groups = new long[MAX_GROUPS];
    int count;
    // well-formed groups with an unknown label: label offsets, data offsets, horodate (-1 if none)
    final int[] unknownLabelStart = new int[MAX_GROUPS];
    final int[] unknownLabelLen = new int[MAX_GROUPS];
    final int[] unknownDataStart = new int[MAX_GROUPS];
    final int[] unknownDataLen = new int[MAX_GROUPS];
    final int[] unknownHorodateStart = new int[MAX_GROUPS];
    int unknownCount;

    /**
     * @param forcedMode {@code null} to detect the mode of each group from its separator, or the only mode accepted
     */
    public TicFrameDecoder(TicMode forcedMode, FrameListener listener) {
        this(forcedMode, false, listener);
    }

    /**
     * @param forcedMode {@code null} to detect the mode of each group from its separator, or the only mode accepted
     * @param lenient groups may also end at LF and frames at the next STX (see the class comment)
     */
    public TicFrameDecoder(TicMode forcedMode, boolean lenient, FrameListener listener) {
        this.forcedMode = forcedMode;
        this.lenient = lenient;
        this.listener = listener;
    }

    public DecoderStats stats() {
        return stats;
    }

    public TicMode forcedMode() {
        return forcedMode;
    }

    public boolean lenient() {
        return lenient;
    }

    public void feed(byte[] in) {
        feed(in, 0, in.length);
    }

    public void feed(byte[] in, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, in.length);
        final int end = off + len;
        int i = off;
        while (i < end) {
            if (state == IN_GROUP) {
                i = scanGroup(in, i, end);
            } else if (state == IN_FRAME) {
                byte c = in[i++];
                if (c == LF) {
                    startGroup();
                } else if (c == ETX) {
                    completeFrame();
                } else if (c == STX) {
                    stxInFrame();
                } else if (c == EOT) {
                    stats.interruptedFrames++;
                    state = IDLE;
                }
                // anything else between groups is line noise: skipped
            } else {
                while (i < end && in[i] != STX) {
                    i++;
                }
                if (i < end) {
                    i++;
                    startFrame();
                }
            }
        }
    }

    /**
     * The body of the group in progress, up to the first byte that is neither printable ASCII nor HT (what ends a
     * group, or damage): copied and summed eight bytes at a time; then that byte is handled. A CR LF goes straight
     * on to the next group. The group's length and sum live in locals here and in fields only between chunks.
     * Returns where to go on.
     */
    private int scanGroup(byte[] in, int i, int end) {
        final byte[] b = buf;
        int len = groupLen;
        int sum = groupSum;
        for (;;) {
            // whole words are stored (the slack of buf takes what lies past the group) while the group has room
            final int to = frameLen + len - i;
            final int room = len < 0 ? -1 : MAX_GROUP - len;
            int j = i;
            long lanes = 0; // the bytes summed into four 16-bit lanes: no carry for a group of MAX_GROUP bytes
            int stop = end;
            while (j + Long.BYTES <= end) {
                long w = word(in, j);
                if (j - i < room) {
                    Swar.store(b, to + j, w);
                }
                long special = Swar.notPrintable(w);
                if (special != 0 && (special &= ~Swar.bytesEqual(w, HT)) != 0) { // HT is rarer than text
                    int k = Long.numberOfTrailingZeros(special) >>> 3;
                    lanes += Swar.pairSums(w & ((1L << (k << 3)) - 1));
                    stop = j + k;
                    break;
                }
                lanes += Swar.pairSums(w);
                j += Long.BYTES;
            }
            sum += Swar.sumLanes(lanes);
            if (stop == end) {
                for (; j < end; j++) {
                    byte c = in[j];
                    if (c < SP && c != HT) { // control bytes and, as a signed byte, anything >= 0x80
                        stop = j;
                        break;
                    }
                    if (j - i < room) {
                        b[to + j] = c;
                    }
                    sum += c;
                }
            }
            len = stop - i > room ? -1 : len + stop - i;
            if (stop == end) { // the group goes on in the next chunk
                groupLen = len;
                groupSum = sum;
                return end;
            }
            byte c = in[stop];
            if (c == CR) {
                endGroup(len, sum);
                if (stop + 1 < end && in[stop + 1] == LF) {
                    len = 0;
                    sum = 0;
                    i = stop + 2;
                    continue;
                }
                state = IN_FRAME;
            } else if (c == LF) {
                if (lenient) {
                    endGroup(len, sum);
                } else {
                    // CR lost: the group in progress is broken, a new one starts. An empty one (LF LF, as line-based
                    // tools re-serialise captures) is no group at all.
                    rejectUnlessEmpty(len);
                }
                len = 0;
                sum = 0;
                i = stop + 1;
                continue;
            } else if (c == ETX) {
                endOrRejectAtFrameEnd(len, sum);
                completeFrame();
            } else if (c == STX) {
                endOrRejectAtFrameEnd(len, sum);
                stxInFrame();
            } else if (c == EOT) {
                stats.interruptedFrames++;
                state = IDLE;
            } else {
                // another control byte (e.g. a CR flipped into FF) or a byte >= 0x80: part of the group, which will
                // fail
                sum += c;
                if (len >= 0 && len < MAX_GROUP) {
                    b[frameLen + len++] = c;
                } else {
                    len = -1;
                }
                i = stop + 1;
                continue;
            }
            return stop + 1;
        }
    }

    private void stxInFrame() {
        if (lenient) {
            completeFrame(); // the ETX was lost: the next frame's STX ends this one
        } else {
            stats.interruptedFrames++;
        }
        startFrame();
    }

    private void startFrame() {
        state = IN_FRAME;
        frameLen = 0;
        count = 0;
        unknownCount = 0;
        frameChecksumErrors = 0;
        frameFormatErrors = 0;
        frameMode = null;
        frameModeHint = null;
    }

    private void startGroup() {
        state = IN_GROUP;
        groupLen = 0;
        groupSum = 0;
    }

    /** The counters count the groups of delivered frames only: what a frame shows and the totals always agree. */
    private void completeFrame() {
        state = IDLE;
        DecoderStats s = stats;
        s.frames++;
        s.groupsAccepted += count;
        s.unknownGroups += unknownCount;
        s.checksumErrors += frameChecksumErrors;
        s.formatErrors += frameFormatErrors;
        listener.onFrame(view);
    }

    /** A group without its CR at the end of its frame: lenient checks it, strict rejects it. */
    private void endOrRejectAtFrameEnd(int len, int sum) {
        if (lenient) {
            endGroup(len, sum);
        } else {
            rejectUnlessEmpty(len);
        }
    }

    /** @param len the group's length, -1 if it overflowed */
    private void rejectUnlessEmpty(int len) {
        if (len != 0) {
            frameFormatErrors++;
        }
    }

    /**
     * Checks the group at the end of the frame buffer and keeps it if it is accepted.
     *
     * @param n the group's length, -1 if it overflowed
     * @param groupSum the sum of its bytes (modulo 64 is what counts)
     */
    private void endGroup(int n, int groupSum) {
        final byte[] b = buf;
        final int s = frameLen;
        if (n == 0) {
            return; // LF CR: an empty line, not a group
        }
        if (n < 4 || s + n > MAX_FRAME || count == MAX_GROUPS || unknownCount == MAX_GROUPS) {
            frameFormatErrors++;
            return;
        }
        final int checksumAt = s + n - 1;
        final int checksum = b[checksumAt];
        final int zoneEnd = checksumAt - 1; // exclusive: the separator before the checksum
        final byte separator = b[zoneEnd];
        // checksum zone: historic = label..data (SP before the checksum excluded), standard = up to that HT included
        final boolean standard;
        int sum = groupSum - checksum;
        if (separator == HT) {
            standard = true;
        } else if (separator == SP) {
            standard = false;
            sum -= SP;
        } else {
            frameFormatErrors++;
            return;
        }
        final TicMode mode = standard ? TicMode.STANDARD : TicMode.HISTORIC;
        if (frameModeHint == null) {
            frameModeHint = mode;
        }
        if (((sum & 0x3F) + 0x20) != checksum) {
            frameChecksumErrors++;
            return;
        }
        if ((forcedMode != null && mode != forcedMode) || (frameMode != null && mode != frameMode)) {
            frameFormatErrors++;
            return;
        }
        // the label ends at the first separator, within the first MAX_LABEL + 1 bytes
        final long first = word(b, s);
        long seps = Swar.bytesEqual(first, separator);
        int labelLen;
        if (seps != 0) {
            labelLen = Long.numberOfTrailingZeros(seps) >>> 3;
        } else {
            seps = Swar.bytesEqual(word(b, s + Long.BYTES), separator) & ((1L << ((MAX_LABEL - 8 + 1) * 8)) - 1);
            labelLen = seps != 0 ? Long.BYTES + (Long.numberOfTrailingZeros(seps) >>> 3) : MAX_LABEL + 1;
        }
        final int labelEnd = s + labelLen;
        if (labelEnd >= zoneEnd || labelLen == 0 || labelLen > MAX_LABEL) {
            frameFormatErrors++;
            return;
        }
        final TicLabel label = (standard ? STANDARD_LABELS : HISTORIC_LABELS).find(first, b, s, labelLen);
        if (label == null) {
            keepUnknown(s, n, labelLen, labelEnd + 1, zoneEnd, standard);
            return;
        }
        int hStart = -1;
        int dStart = labelEnd + 1;
        if (label.isHorodated()) {
            // LABEL HT HORODATE HT DATA: the second HT comes right after the 13 characters of the horodate
            if (zoneEnd - dStart < Horodate.LENGTH + 1 || b[dStart + Horodate.LENGTH] != HT
                    || !Horodate.isValid(b, dStart, Horodate.LENGTH)) {
                frameFormatErrors++;
                return;
            }
            hStart = dStart;
            dStart += Horodate.LENGTH + 1;
        }
        // a separator left in the data (a horodate where none belongs, a fourth field) fails every data format
        final int dLen = zoneEnd - dStart;
        // (no DIGITS label allows more than 16 digits, and the slack of buf makes 16 bytes readable at dStart)
        if (label.digits ? dLen < label.minLength || dLen > label.maxLength || !Swar.allDigitsShort(b, dStart, dLen)
                : !label.acceptsData(b, dStart, dLen)) {
            frameFormatErrors++;
            return;
        }
        groups[count++] = (long) label.ordinal() << 48 | (long) (hStart + 1) << 32 | (long) dLen << 16 | dStart;
        frameMode = mode;
        frameLen = s + n;
    }

    /** A group with a valid checksum whose label neither specification defines: kept apart if well-formed. */
    private void keepUnknown(int s, int n, int labelLen, int fieldsStart, int zoneEnd, boolean standard) {
        final byte[] b = buf;
        int hStart = -1;
        int dStart = fieldsStart;
        if (standard) {
            for (int k = fieldsStart; k < zoneEnd; k++) {
                if (b[k] == HT) {
                    if (hStart >= 0) { // more than LABEL, HORODATE, DATA
                        frameFormatErrors++;
                        return;
                    }
                    hStart = dStart;
                    dStart = k + 1;
                }
            }
        }
        final int dLen = zoneEnd - dStart;
        if (!wellFormedLabel(b, s, labelLen) || !LabelFormat.TEXT.accepts(b, dStart, dLen, 0, MAX_GROUP)
                || (hStart >= 0 && !Horodate.isValid(b, hStart, dStart - 1 - hStart))) {
            frameFormatErrors++;
            return;
        }
        int u = unknownCount++;
        unknownLabelStart[u] = s;
        unknownLabelLen[u] = labelLen;
        unknownDataStart[u] = dStart;
        unknownDataLen[u] = dLen;
        unknownHorodateStart[u] = hStart;
        frameMode = standard ? TicMode.STANDARD : TicMode.HISTORIC;
        frameLen = s + n;
    }

    private static boolean wellFormedLabel(byte[] b, int s, int len) {
        for (int k = s; k < s + len; k++) {
            byte c = b[k];
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
