package teleinfo.protocol;

/** Receives each complete frame (STX..ETX) from a {@link TicFrameDecoder}, on the thread that feeds it. */
@FunctionalInterface
public interface FrameListener {
    /**
     * @param frame valid only during this call (the decoder reuses it); call {@link FrameView#toFrame()} to keep it.
     */
    void onFrame(FrameView frame);
}
