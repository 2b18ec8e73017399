package teleinfo.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

/**
 * Jetty handler for the whole HTTP port: no client holds a connection by sending slowly.
 * <ul>
 *   <li>idle timeout: a connection on which nothing arrives for {@code idleTimeout} is closed (Jetty's own timeout,
 *       set on the port's connectors);</li>
 *   <li>request headers: a connection must deliver the complete headers of a request within {@code headerTimeout} of
 *       being opened or of the end of its previous request, else it is closed (Jetty resets its idle timeout with each
 *       byte, so headers sent a byte at a time would otherwise hold a connection for hours);</li>
 *   <li>request bodies: past {@code headerTimeout} after the headers, a body arriving at less than
 *       {@code minBytesPerSecond} on average fails with a timeout, which the ingestion route answers 408.</li>
 * </ul>
 * Jetty 12's {@code HttpConfiguration.setMinRequestDataRate} is not enforced by its core handlers, and its
 * {@code StatisticsHandler.MinimumDataRateHandler} (12.1.5) divides the bytes of every request together by the time
 * of one; hence this handler.
 */
public final class SlowClientLimits extends Handler.Wrapper {
    private final long idleTimeoutMillis;
    private final long headerTimeoutNanos;
    private final long minBytesPerSecond;
    private final Map<EndPoint, ConnectionState> connections = new ConcurrentHashMap<>();
    private ScheduledExecutorService sweeper;

    public SlowClientLimits(long idleTimeoutMillis, long headerTimeoutMillis, long minBytesPerSecond) {
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.headerTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(headerTimeoutMillis);
        this.minBytesPerSecond = minBytesPerSecond;
    }

    @Override
    protected void doStart() throws Exception {
        for (Connector connector : getServer().getConnectors()) {
            if (connector instanceof AbstractConnector c) {
                c.setIdleTimeout(idleTimeoutMillis);
            }
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slow-client-sweeper");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::closeSlowConnections, 1, 1, TimeUnit.SECONDS);
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        sweeper.shutdownNow();
        connections.clear();
        super.doStop();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        ConnectionState state = connections.computeIfAbsent(endPoint, e -> new ConnectionState());
        state.begin();
        Callback ending = Callback.from(callback, state::end);
        try {
            if (super.handle(new MinimumRateRequest(request), response, ending)) {
                return true;
            }
        } catch (Exception | Error e) {
            state.end();
            throw e;
        }
        state.end();
        return false;
    }

    /** Connections between requests for longer than the header timeout (or never started one) are closed. */
    private void closeSlowConnections() {
        long now = NanoTime.now();
        connections.keySet().removeIf(e -> !e.isOpen());
        for (Connector connector : getServer().getConnectors()) {
            if (!(connector instanceof AbstractConnector c)) {
                continue;
            }
            for (EndPoint endPoint : c.getConnectedEndPoints()) {
                ConnectionState state = connections.get(endPoint);
                long since = state == null ? openedNanos(endPoint, now) : state.betweenRequestsSince();
                if (since != Long.MIN_VALUE && NanoTime.elapsed(since, now) > headerTimeoutNanos) {
                    endPoint.close();
                }
            }
        }
    }

    private static long openedNanos(EndPoint endPoint, long now) {
        long ageMillis = System.currentTimeMillis() - endPoint.getCreatedTimeStamp();
        return now - TimeUnit.MILLISECONDS.toNanos(ageMillis);
    }

    /** Requests in progress on one connection, and since when it has had none. */
    private static final class ConnectionState {
        private final AtomicInteger inProgress = new AtomicInteger();
        private volatile long idleSince = NanoTime.now();

        void begin() {
            inProgress.incrementAndGet();
        }

        void end() {
            idleSince = NanoTime.now();
            inProgress.decrementAndGet();
        }

        /** Long.MIN_VALUE while a request is in progress. */
        long betweenRequestsSince() {
            return inProgress.get() > 0 ? Long.MIN_VALUE : idleSince;
        }
    }

    /** Fails the body once it has arrived at less than the minimum rate for longer than the grace period. */
    private final class MinimumRateRequest extends Request.Wrapper {
        private long bytes;

        MinimumRateRequest(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk == null || Content.Chunk.isFailure(chunk)) {
                return chunk;
            }
            bytes += chunk.remaining();
            long elapsed = NanoTime.since(getHeadersNanoTime());
            if (elapsed > headerTimeoutNanos && bytes * 1_000_000_000L / elapsed < minBytesPerSecond) {
                chunk.release();
                return Content.Chunk.from(new TimeoutException("request body slower than " + minBytesPerSecond
                        + " bytes/s"));
            }
            return chunk;
        }
    }
}
