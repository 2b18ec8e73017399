package teleinfo.protocol;

/** Running counters of a {@link TicFrameDecoder}. Not thread-safe: read them on the decoding thread or copy them. */
public final class DecoderStats {
    long frames;
    long groupsAccepted;
    long unknownGroups;
    long checksumErrors;
    long formatErrors;
    long interruptedFrames;

    public long frames() { return frames; }
    public long groupsAccepted() { return groupsAccepted; }
    public long unknownGroups() { return unknownGroups; }
    public long checksumErrors() { return checksumErrors; }
    public long formatErrors() { return formatErrors; }
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
