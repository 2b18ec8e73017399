package teleinfo.component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.Processor;
import org.apache.camel.spi.ShutdownPrepared;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import teleinfo.protocol.DecoderStats;
import teleinfo.protocol.TicFrame;
import teleinfo.protocol.TicFrameDecoder;
import teleinfo.protocol.TicMode;

/**
 * Reads the line on its own thread and emits one exchange per complete frame. The port is (re)opened in a loop:
 * I/O error or silent for too long, it is closed and reopened with a capped exponential back-off; while its device
 * path is absent (unplugged, or missing at start) the path is looked for every {@value #DEVICE_POLL_MS} ms instead.
 * The problem is logged once, not at every attempt. Closing the port in {@link #doStop()} unblocks a
 * read in progress, so stopping never waits for the line.
 */
public class TicConsumer extends DefaultConsumer implements ExtendedStartupListener, ShutdownPrepared {
    private static final Logger LOG = LoggerFactory.getLogger(TicConsumer.class);
    /** How often the device path of an unplugged adapter is looked for. */
    static final long DEVICE_POLL_MS = 250;

    private final TicEndpoint endpoint;
    private final TicHealthCheck health;
    private ExecutorService executor;
    private volatile boolean running;
    /** Set once the context prepares to stop: a frame refused from then on is not an error. */
    private volatile boolean stopping;
    private volatile TicSource source;
    private volatile long lastFrameNanos;
    /** Counters of the decoder in use; only touched by the reader thread. */
    private DecoderStats decoderStats;
    private boolean firstFrameLogged;
    /** A problem was logged: the next one is not, until frames flow again. */
    private volatile boolean troubleLogged;

    public TicConsumer(TicEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.health = new TicHealthCheck(this);
    }

    @Override
    public TicEndpoint getEndpoint() {
        return endpoint;
    }

    /** Nanos since the last frame with at least one valid group (since the start if none yet). */
    long nanosSinceLastFrame() {
        return System.nanoTime() - lastFrameNanos;
    }

    boolean isReading() {
        return running;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        lastFrameNanos = System.nanoTime();
        HealthCheckRegistry registry = HealthCheckRegistry.get(endpoint.getCamelContext());
        if (registry != null) {
            health.setCamelContext(endpoint.getCamelContext());
            registry.register(health);
        }
        stopping = false;
        // frames flow once the whole context has started: earlier, the minute aggregator cannot close a minute yet
        // (Camel warns "Cannot start force completion of all groups ... has not been started") and the routes after
        // it may not be running
        if (endpoint.getCamelContext().isStarted()) {
            startReading();
        } else {
            endpoint.getCamelContext().addStartupListener(this);
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // reading starts in onCamelContextFullyStarted, once the context's status is Started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        if (running && executor == null) {
            startReading();
        }
    }

    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        stopping = true;
    }

    private synchronized void startReading() {
        if (executor == null) {
            executor = endpoint.getCamelContext().getExecutorServiceManager()
                    .newSingleThreadExecutor(this, "tic-reader " + endpoint.getPort());
            executor.submit(this::readLoop);
        }
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        closeQuietly(source);
        if (executor != null) {
            endpoint.getCamelContext().getExecutorServiceManager().shutdownNow(executor);
            executor = null;
        }
        HealthCheckRegistry registry = HealthCheckRegistry.get(endpoint.getCamelContext());
        if (registry != null) {
            registry.unregister(health);
        }
        super.doStop();
    }

    private void readLoop() {
        TicMode trying = endpoint.firstMode();
        long delay = endpoint.getReopenDelay();
        while (running) {
            try {
                source = endpoint.open(trying);
                if (!troubleLogged) {
                    LOG.info("TIC port {} opened ({})", endpoint.getPort(), !endpoint.isLivePort()
                            ? endpoint.line().describe() : source instanceof SerialSource serial
                            && serial.configuredAsIs() ? trying.baudRate() + " baud; the device keeps its own data "
                            + "size and parity, bytes are masked to 7 bits" : trying.baudRate() + " baud, 7E1");
                }
                delay = endpoint.getReopenDelay();
                trying = readUntilTrouble(source, trying);
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    break;
                }
                if (!troubleLogged) {
                    LOG.warn("TIC port {}: {}; retrying with back-off up to {} ms, or every {} ms while the device is "
                            + "absent (logged once)", endpoint.getPort(), describe(e), endpoint.getMaxReopenDelay(),
                            Math.min(DEVICE_POLL_MS, endpoint.getReopenDelay()));
                    troubleLogged = true;
                }
            } finally {
                closeQuietly(source);
                source = null;
            }
            boolean missing = deviceMissing();
            if (running && !sleep(missing ? Math.min(DEVICE_POLL_MS, endpoint.getReopenDelay()) : delay)) {
                break;
            }
            // the back-off starts again once the device is back: a node that udev has not yet given its group is
            // retried after reopenDelay, not after a delay grown while nothing was plugged in
            delay = missing ? endpoint.getReopenDelay() : Math.min(delay * 2, endpoint.getMaxReopenDelay());
        }
    }

    /**
     * The device path of a live port is absent (adapter unplugged). It is then looked for every
     * {@link #DEVICE_POLL_MS} rather than after a growing back-off, so frames flow again within about a second of the
     * replug. Polled rather than watched: the folder itself may go away with the adapter ({@code /dev/serial/by-id}),
     * and a stat four times a second costs nothing measurable.
     */
    private boolean deviceMissing() {
        return endpoint.isLivePort() && !Files.exists(Path.of(endpoint.getPort()));
    }

    /**
     * Reads until the source fails (exception), or until auto mode should try the other speed or a silent live
     * port should be reopened (returns the mode to open next).
     */
    private TicMode readUntilTrouble(TicSource src, TicMode trying) throws IOException {
        boolean autoSwitch = endpoint.forcedMode() == null && endpoint.isLivePort();
        TicFrameDecoder decoder = endpoint.newDecoder(trying, view -> emit(view.toFrame(), src));
        DecoderStats stats = decoder.stats();
        decoderStats = stats;
        byte[] buf = new byte[512];
        long openedAt = System.nanoTime();
        long lastValidGroup = openedAt;
        long lastByte = openedAt;
        long accepted = 0;
        firstFrameLogged = false;
        while (running) {
            int n = src.read(buf);
            long now = System.nanoTime();
            if (n < 0) {
                throw new IOException("the port went away");
            }
            if (n > 0) {
                lastByte = now;
                decoder.feed(buf, 0, n);
                if (stats.groupsAccepted() > accepted) {
                    accepted = stats.groupsAccepted();
                    lastValidGroup = now;
                    if (autoSwitch) {
                        endpoint.rememberWorkingMode(trying);
                    }
                }
            }
            if (autoSwitch && now - lastValidGroup > Duration.ofMillis(endpoint.getAutoSwitchAfter()).toNanos()) {
                if (!troubleLogged) {
                    LOG.info("TIC port {}: no valid group at {} baud for {} ms, trying {} mode (then alternating "
                            + "silently until frames arrive)", endpoint.getPort(), trying.baudRate(),
                            endpoint.getAutoSwitchAfter(), trying.other().jsonName());
                    troubleLogged = true;
                }
                return trying.other();
            }
            if (src.reopenWhenSilent()
                    && now - lastByte > Duration.ofMillis(endpoint.getNoFrameTimeout()).toNanos()) {
                throw new IOException("no byte for " + endpoint.getNoFrameTimeout() + " ms");
            }
        }
        return trying;
    }

    /** Frames with no valid group are not emitted: their rejected groups are in the decoder counters. */
    private void emit(TicFrame frame, TicSource src) {
        if (frame.values().isEmpty()) {
            return;
        }
        if (stopping || endpoint.getCamelContext().isStopping()) {
            // the minute in progress was closed as the context began to stop: a later frame would open a second
            // aggregate of that minute, which the stopping route could no longer send
            return;
        }
        lastFrameNanos = System.nanoTime();
        if (!firstFrameLogged) {
            LOG.info("TIC port {}: first frame decoded, meter {} in {} mode{}", endpoint.getPort(), frame.meterId(),
                    frame.mode().jsonName(), troubleLogged ? " (after the problem logged above)" : "");
            firstFrameLogged = true;
            troubleLogged = false;
        }
        Exchange exchange = createExchange(false);
        exchange.getMessage().setBody(frame);
        exchange.getMessage().setHeader(TicHeaders.RECEIVED_AT, src.now());
        exchange.getMessage().setHeader(TicHeaders.FRAMES, decoderStats.frames());
        exchange.getMessage().setHeader(TicHeaders.CHECKSUM_ERRORS, decoderStats.checksumErrors());
        exchange.getMessage().setHeader(TicHeaders.FORMAT_ERRORS, decoderStats.formatErrors());
        exchange.getMessage().setHeader(TicHeaders.INTERRUPTED_FRAMES, decoderStats.interruptedFrames());
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() instanceof RejectedExecutionException && stopping) {
            // the frame arrived while the context stops (the minute in progress has been closed): not an error
            LOG.debug("TIC frame dropped: the context is stopping");
        } else if (exchange.getException() != null) {
            getExceptionHandler().handleException("Error processing a TIC frame", exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }

    private static String describe(Exception e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such device " + e.getMessage() : e.toString();
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(TicSource s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing the TIC source", e);
            }
        }
    }
}
