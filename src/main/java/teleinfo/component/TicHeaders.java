package teleinfo.component;

/** Headers of the exchanges the {@code tic:} consumer emits (the body is a {@link teleinfo.protocol.TicFrame}). */
public final class TicHeaders {
    /** {@link java.time.Instant} the frame was received (host clock; virtual clock for the simulator and replays). */
    public static final String RECEIVED_AT = "TicReceivedAt";
    /** Running decoder counters since the port was opened (longs). */
    public static final String FRAMES = "TicFrames";
    public static final String CHECKSUM_ERRORS = "TicChecksumErrors";
    public static final String FORMAT_ERRORS = "TicFormatErrors";
    public static final String INTERRUPTED_FRAMES = "TicInterruptedFrames";

    private TicHeaders() {
    }
}
