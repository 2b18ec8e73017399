package teleinfo.simulator;

import java.io.InterruptedIOException;
import java.time.Instant;

import teleinfo.component.TicLine;
import teleinfo.component.TicSource;

/**
 * A simulated meter as a TIC line: its byte stream at the line's speed times {@code speed}, starting at the instant the
 * line is opened. Reopened, the same meter carries on (its registers never go back).
 */
public final class SimulatedMeterLine implements TicLine {
    private final MeterSimulator meter;
    private final double speed;

    public SimulatedMeterLine(MeterSimulator meter, double speed) {
        this.meter = meter;
        this.speed = speed;
    }

    @Override
    public TicSource open() {
        return new Feed(new RealTimeFeed(meter, Instant.now(), speed));
    }

    @Override
    public String describe() {
        return "simulated meter, speed x" + speed;
    }

    private static final class Feed implements TicSource {
        private final RealTimeFeed feed;
        private byte[] pending = new byte[0];
        private int offset;

        Feed(RealTimeFeed feed) {
            this.feed = feed;
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
}
