package teleinfo.protocol;

/**
 * Running counters of a {@link TicFrameDecoder}. Not thread-safe: read them on the decoding thread or copy them.
 *
 * <p>The group counters count the groups of delivered frames only, so they always add up to what the frames show:
 * {@code groupsAccepted} is the sum of {@link FrameView#groupCount()}, {@code checksumErrors + formatErrors} the sum
 * of {@link FrameView#errors()}. Groups of a frame that is never delivered (cut by EOT, by an STX in strict mode, or
 * still open when the input ends) are counted nowhere but in {@code interruptedFrames}, which counts those frames.
 */
public final class DecoderStats {
    long frames;
    long groupsAccepted;
    long unknownGroups;
    long checksumErrors;
    long formatErrors;
    long interruptedFrames;

    /** Frames delivered to the listener. */
    public long frames() { return frames; }
    /** Groups that passed every check, in delivered frames. */
    public long groupsAccepted() { return groupsAccepted; }
    /** Well-formed groups with a good checksum and a label neither specification knows, in delivered frames. */
    public long unknownGroups() { return unknownGroups; }
    /** Groups rejected for their checksum, in delivered frames. */
    public long checksumErrors() { return checksumErrors; }
    /** Groups rejected for their shape (separators, label, data format, mode, size), in delivered frames. */
    public long formatErrors() { return formatErrors; }
    /** Frames begun and dropped: cut by EOT, or by an STX in strict mode. */
    public long interruptedFrames() { return interruptedFrames; }

    public DecoderStats copy() {
        DecoderStats c = new DecoderStats();
        c.frames = frames;
        c.groupsAccepted = groupsAccepted;
        c.unknownGroups = unknownGroups;
        c.checksumErrors = checksumErrors;
        c.formatErrors = formatErrors;
        c.interruptedFrames = interruptedFrames;
        return c;
    }

    @Override
    public String toString() {
        return "frames=" + frames + " groupsAccepted=" + groupsAccepted + " unknownGroups=" + unknownGroups
                + " checksumErrors=" + checksumErrors + " formatErrors=" + formatErrors
                + " interruptedFrames=" + interruptedFrames;
    }
}
