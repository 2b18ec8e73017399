package teleinfo.protocol;

/**
 * Streaming TIC decoder for both modes. Feed it bytes in any chunking; it calls the {@link FrameListener} once per
 * complete frame, with the groups that passed every check.
 *
 * <p>Framing: STX..ETX; EOT drops the frame in progress; STX inside a frame restarts it; bytes outside a frame are
 * skipped (so are the partial frames at the start and end of a stream). Groups are LF..CR.
 *
 * <p>A group is accepted only if its checksum is right, its label is known for its mode and its DATA (and horodate)
 * have the format the specification gives that label. A well-formed unknown label is kept apart, never among the
 * known values. The group's mode comes from the separator before its checksum (HT standard, SP historic) unless a
 * mode is forced; all groups of a frame must share the mode of its first accepted group.
 *
 * <p>The hot path does not allocate: bytes are copied into one frame buffer and indexed.
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
    private final FrameListener listener;
    private final DecoderStats stats = new DecoderStats();
    private final FrameView view = new FrameView(this);

    private int state = IDLE;
    // the current frame: bytes of accepted groups, then the group being received
    final byte[] buf = new byte[MAX_FRAME + MAX_GROUP];
    private int frameLen;
    private int groupLen;
    /** Sum of the bytes of the group so far, computed while scanning for its end. */
    private int groupSum;
    private boolean groupOverflow;
    TicMode frameMode;
    /** Mode of the first group of the frame with a recognisable separator, accepted or not. */
    TicMode frameModeHint;
    int frameErrors;
    // accepted groups of the current frame
    final TicLabel[] labels = new TicLabel[MAX_GROUPS];
    final int[] dataStart = new int[MAX_GROUPS];
    final int[] dataLen = new int[MAX_GROUPS];
    final int[] horodateStart = new int[MAX_GROUPS];
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
        this.forcedMode = forcedMode;
        this.listener = listener;
    }

    public DecoderStats stats() {
        return stats;
    }

    public TicMode forcedMode() {
        return forcedMode;
    }

    public void feed(byte[] in) {
        feed(in, 0, in.length);
    }

    public void feed(byte[] in, int off, int len) {
        final int end = off + len;
        int i = off;
        while (i < end) {
            switch (state) {
                case IDLE: {
                    while (i < end && in[i] != STX) {
                        i++;
                    }
                    if (i < end) {
                        i++;
                        startFrame();
                    }
                    break;
                }
                case IN_FRAME: {
                    byte c = in[i++];
                    if (c == LF) {
                        startGroup();
                    } else if (c == ETX) {
                        completeFrame();
                    } else if (c == STX) {
                        stats.interruptedFrames++;
                        startFrame();
                    } else if (c == EOT) {
                        stats.interruptedFrames++;
                        state = IDLE;
                    }
                    // anything else between groups is line noise: skipped
                    break;
                }
                default: { // IN_GROUP
                    int j = i;
                    int sum = 0;
                    while (j < end) {
                        byte c = in[j];
                        if (c < SP && c != HT) {
                            break;
                        }
                        sum += c;
                        j++;
                    }
                    groupSum += sum;
                    append(in, i, j - i);
                    i = j;
                    if (i < end) {
                        byte c = in[i++];
                        if (c == CR) {
                            endGroup();
                            state = IN_FRAME;
                        } else if (c == LF) {
                            // CR lost: the group in progress is broken, a new one starts. An empty one
                            // (LF LF, as line-based tools re-serialise captures) is no group at all.
                            rejectUnlessEmpty();
                            startGroup();
                        } else if (c == ETX) {
                            rejectUnlessEmpty();
                            completeFrame();
                        } else if (c == STX) {
                            stats.interruptedFrames++;
                            startFrame();
                        } else if (c == EOT) {
                            stats.interruptedFrames++;
                            state = IDLE;
                        } else {
                            // another control byte (e.g. a CR flipped into FF): part of the group, which will fail
                            groupSum += c;
                            append(in, i - 1, 1);
                        }
                    }
                    break;
                }
            }
        }
    }

    private void startFrame() {
        state = IN_FRAME;
        frameLen = 0;
        count = 0;
        unknownCount = 0;
        frameErrors = 0;
        frameMode = null;
        frameModeHint = null;
    }

    private void startGroup() {
        state = IN_GROUP;
        groupLen = 0;
        groupSum = 0;
        groupOverflow = false;
    }

    private void append(byte[] in, int from, int n) {
        if (n == 0) {
            return;
        }
        if (groupOverflow || groupLen + n > MAX_GROUP) {
            groupOverflow = true;
            return;
        }
        System.arraycopy(in, from, buf, frameLen + groupLen, n);
        groupLen += n;
    }

    private void completeFrame() {
        state = IDLE;
        stats.frames++;
        listener.onFrame(view);
    }

    private void rejectUnlessEmpty() {
        if (groupLen > 0 || groupOverflow) {
            rejectFormat();
        }
    }

    private void rejectFormat() {
        stats.formatErrors++;
        frameErrors++;
    }

    private void rejectChecksum() {
        stats.checksumErrors++;
        frameErrors++;
    }

    private void endGroup() {
        final byte[] b = buf;
        final int s = frameLen;
        final int n = groupLen;
        if (n == 0 && !groupOverflow) {
            return; // LF CR: an empty line, not a group
        }
        if (groupOverflow || n < 4 || frameLen + n > MAX_FRAME || count == MAX_GROUPS || unknownCount == MAX_GROUPS) {
            rejectFormat();
            return;
        }
        final int checksumAt = s + n - 1;
        final byte separator = b[checksumAt - 1];
        final TicMode mode;
        if (separator == HT) {
            mode = TicMode.STANDARD;
        } else if (separator == SP) {
            mode = TicMode.HISTORIC;
        } else {
            rejectFormat();
            return;
        }
        if (frameModeHint == null) {
            frameModeHint = mode;
        }
        // checksum zone: historic = label..data (SP before the checksum excluded), standard = up to that HT included
        int sum = groupSum - b[checksumAt];
        if (mode == TicMode.HISTORIC) {
            sum -= SP;
        }
        if (((sum & 0x3F) + 0x20) != b[checksumAt]) {
            rejectChecksum();
            return;
        }
        if ((forcedMode != null && mode != forcedMode) || (frameMode != null && mode != frameMode)) {
            rejectFormat();
            return;
        }
        final int zoneEnd = checksumAt - 1; // exclusive: the separator before the checksum
        final byte sep = mode.separator();
        int labelEnd = s;
        while (labelEnd < zoneEnd && b[labelEnd] != sep) {
            labelEnd++;
        }
        final int labelLen = labelEnd - s;
        if (labelEnd >= zoneEnd || labelLen == 0 || labelLen > MAX_LABEL) {
            rejectFormat();
            return;
        }
        final TicLabel label = (mode == TicMode.HISTORIC ? HISTORIC_LABELS : STANDARD_LABELS).find(b, s, labelLen);
        if (label == null) {
            keepUnknown(s, labelLen, labelEnd + 1, zoneEnd, mode);
            return;
        }
        int hStart = -1;
        int dStart = labelEnd + 1;
        if (label.isHorodated()) {
            // LABEL HT HORODATE HT DATA: the second HT comes right after the 13 characters of the horodate
            if (zoneEnd - dStart < Horodate.LENGTH + 1 || b[dStart + Horodate.LENGTH] != HT
                    || !Horodate.isValid(b, dStart, Horodate.LENGTH)) {
                rejectFormat();
                return;
            }
            hStart = dStart;
            dStart += Horodate.LENGTH + 1;
        }
        // a separator left in the data (a horodate where none belongs, a fourth field) fails every data format
        final int dLen = zoneEnd - dStart;
        if (!label.acceptsData(b, dStart, dLen)) {
            rejectFormat();
            return;
        }
        int g = count++;
        labels[g] = label;
        dataStart[g] = dStart;
        dataLen[g] = dLen;
        horodateStart[g] = hStart;
        stats.groupsAccepted++;
        frameMode = mode;
        frameLen += n;
    }

    /** A group with a valid checksum whose label neither specification defines: kept apart if well-formed. */
    private void keepUnknown(int s, int labelLen, int fieldsStart, int zoneEnd, TicMode mode) {
        final byte[] b = buf;
        int hStart = -1;
        int dStart = fieldsStart;
        if (mode == TicMode.STANDARD) {
            for (int k = fieldsStart; k < zoneEnd; k++) {
                if (b[k] == HT) {
                    if (hStart >= 0) { // more than LABEL, HORODATE, DATA
                        rejectFormat();
                        return;
                    }
                    hStart = dStart;
                    dStart = k + 1;
                }
            }
        }
        final int dLen = zoneEnd - dStart;
        if (!wellFormedLabel(b, s, labelLen) || !printable(b, dStart, dLen)
                || (hStart >= 0 && !Horodate.isValid(b, hStart, dStart - 1 - hStart))) {
            rejectFormat();
            return;
        }
        int u = unknownCount++;
        unknownLabelStart[u] = s;
        unknownLabelLen[u] = labelLen;
        unknownDataStart[u] = dStart;
        unknownDataLen[u] = dLen;
        unknownHorodateStart[u] = hStart;
        stats.unknownGroups++;
        frameMode = mode;
        frameLen += groupLen;
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

    private static boolean printable(byte[] b, int s, int len) {
        for (int k = s; k < s + len; k++) {
            if (b[k] < 0x20 || b[k] > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
