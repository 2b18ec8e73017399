package teleinfo.component;

import java.io.InterruptedIOException;
import java.time.Instant;

import teleinfo.simulator.MeterSimulator;
import teleinfo.simulator.RealTimeFeed;

/** The simulator's byte stream, at the line's speed times {@code speed}, starting at the current instant. */
final class SimulatorSource implements TicSource {
    private final RealTimeFeed feed;
    private byte[] pending = new byte[0];
    private int offset;

    SimulatorSource(MeterSimulator meter, double speed) {
        this.feed = new RealTimeFeed(meter, Instant.now(), speed);
    }

    @Override
    public int read(byte[] buf) throws InterruptedIOException {
        if (offset == pending.length) {
            try {
                pending = feed.next();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("simulator stopped");
            }
            offset = 0;
        }
        int n = Math.min(buf.length, pending.length - offset);
        System.arraycopy(pending, offset, buf, 0, n);
        offset += n;
        return n;
    }

    @Override
    public Instant now() {
        return feed.virtualTime();
    }

    @Override
    public boolean reopenWhenSilent() {
        return false;
    }

    @Override
    public void close() {
        // nothing held: the reader thread is interrupted out of its sleep
    }
}
