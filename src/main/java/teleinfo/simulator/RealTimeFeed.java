package teleinfo.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;

/**
 * Paces a {@link MeterSimulator} like a real line: each frame is handed out once the time it takes to transmit it
 * at the mode's speed (plus the inter-frame silence) has passed, divided by {@code speed}. The simulator's virtual
 * clock starts at {@code start} and runs {@code speed} times faster than the wall clock.
 */
public final class RealTimeFeed {
    private final MeterSimulator simulator;
    private final Instant start;
    private final double speed;
    private final long startNanos = System.nanoTime();
    private long virtualNanos;

    public RealTimeFeed(MeterSimulator simulator, Instant start, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0");
        }
        this.simulator = simulator;
        this.start = start;
        this.speed = speed;
    }

    /** The virtual instant of the line, i.e. when the bytes handed out so far have been received. */
    public Instant virtualTime() {
        return start.plusNanos(virtualNanos);
    }

    /** Blocks until the next frame has been "transmitted", then returns its bytes. */
    public byte[] next() throws InterruptedException {
        byte[] frame = simulator.frameAt(virtualTime());
        Duration onLine = MeterSimulator.transmissionTime(frame.length, simulator.config().mode())
                .plus(MeterSimulator.INTER_FRAME_GAP);
        virtualNanos += onLine.toNanos();
        long due = startNanos + (long) (virtualNanos / speed);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        return frame;
    }

    /** Writes frames to {@code out} until the thread is interrupted or the stream fails. */
    public void writeTo(OutputStream out) throws IOException, InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            out.write(next());
            out.flush();
        }
    }
}
