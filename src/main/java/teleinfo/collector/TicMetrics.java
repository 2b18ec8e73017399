package teleinfo.collector;

import io.micrometer.core.instrument.Counter;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import teleinfo.component.TicHeaders;
import teleinfo.ops.AppMetrics;

/**
 * Counts frames and the decoder's rejections into the metrics. The tic: consumer reports running counters since the
 * port was opened; a smaller value than the last one means the port was reopened and its counters started again.
 */
public final class TicMetrics implements Processor {
    private final Counter frames;
    private final Counter checksumErrors;
    private final Counter formatErrors;
    private final Counter interrupted;
    private long lastFrames;
    private long lastChecksum;
    private long lastFormat;
    private long lastInterrupted;

    public TicMetrics(CamelContext context) {
        frames = AppMetrics.counter(context, "teleinfo.tic.frames", "complete frames decoded");
        checksumErrors = AppMetrics.counter(context, "teleinfo.tic.checksum.errors",
                "groups with a wrong checksum, in complete frames");
        formatErrors = AppMetrics.counter(context, "teleinfo.tic.format.errors",
                "groups with a bad format, in complete frames");
        interrupted = AppMetrics.counter(context, "teleinfo.tic.interrupted.frames",
                "frames cut by EOT, or by STX when not lenient");
    }

    @Override
    public void process(Exchange exchange) {
        lastFrames = add(frames, lastFrames, exchange.getMessage().getHeader(TicHeaders.FRAMES, 0L, Long.class));
        lastChecksum = add(checksumErrors, lastChecksum,
                exchange.getMessage().getHeader(TicHeaders.CHECKSUM_ERRORS, 0L, Long.class));
        lastFormat = add(formatErrors, lastFormat,
                exchange.getMessage().getHeader(TicHeaders.FORMAT_ERRORS, 0L, Long.class));
        lastInterrupted = add(interrupted, lastInterrupted,
                exchange.getMessage().getHeader(TicHeaders.INTERRUPTED_FRAMES, 0L, Long.class));
    }

    private static long add(Counter counter, long last, long now) {
        counter.increment(now >= last ? now - last : now);
        return now;
    }
}
