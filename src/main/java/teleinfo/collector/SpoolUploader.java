package teleinfo.collector;

import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the upload routes do with the spool: take the oldest readings as one batch, and after the POST delete them
 * (2xx), move them to {@code rejected/} (4xx for one reading; a refused batch is retried one reading at a time so
 * that one bad reading does not take 500 good ones with it), or keep them and back off (5xx, 401, 403, 408, 429,
 * timeout, connection refused: nothing the reading itself can be blamed for).
 */
public final class SpoolUploader {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolUploader.class);
    /** Exchange property: the {@code List<Path>} of spool files in the body being posted. */
    public static final String BATCH = "spoolBatch";
    /** Exchange property: true when {@link #nextBatch} loaded a batch into the body. */
    public static final String HAS_BATCH = "spoolHasBatch";
    /** Exchange property set when a refused batch must be retried one reading at a time. */
    public static final String ONE_BY_ONE = "spoolOneByOne";

    private final Spool spool;
    private final int batchSize;
    private final RetryBackoff backoff;
    /** Counted only when given (tests construct without). */
    private final Counter uploaded;
    private final Counter rejected;

    public SpoolUploader(Spool spool, int batchSize, RetryBackoff backoff) {
        this(spool, batchSize, backoff, null, null);
    }

    public SpoolUploader(Spool spool, int batchSize, RetryBackoff backoff, Counter uploaded, Counter rejected) {
        this.uploaded = uploaded;
        this.rejected = rejected;
        this.spool = spool;
        this.batchSize = batchSize;
        this.backoff = backoff;
    }

    /** Loads the next batch into the exchange, unless nothing is waiting or uploads are backing off. */
    public void nextBatch(Exchange exchange) throws IOException {
        exchange.setProperty(HAS_BATCH, false);
        if (!backoff.due() || exchange.getContext().isStopping()) {
            return;
        }
        List<Path> batch = spool.oldest(batchSize);
        if (!batch.isEmpty()) {
            load(exchange, batch);
            exchange.setProperty(HAS_BATCH, true);
        }
    }

    private void load(Exchange exchange, List<Path> batch) throws IOException {
        exchange.removeProperty(ONE_BY_ONE);
        exchange.setProperty(BATCH, batch);
        exchange.getMessage().setBody(spool.jsonArray(batch));
    }

    /** The batch as batches of one, for the split after a refused batch. */
    public List<List<Path>> oneByOne(Exchange exchange) {
        List<List<Path>> out = new ArrayList<>();
        for (Path p : batch(exchange)) {
            out.add(List.of(p));
        }
        return out;
    }

    /** Split step: the body is a batch of one. */
    public void loadSingle(Exchange exchange) throws IOException {
        @SuppressWarnings("unchecked")
        List<Path> single = exchange.getMessage().getBody(List.class);
        load(exchange, single);
    }

    public void onResponse(Exchange exchange) throws IOException {
        int code = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        List<Path> batch = batch(exchange);
        if (code >= 200 && code < 300) {
            spool.delete(batch);
            if (uploaded != null) {
                uploaded.increment(batch.size());
            }
            if (backoff.failing()) {
                LOG.info("server accepts readings again (HTTP {})", code);
            }
            backoff.success();
            LOG.debug("uploaded {} readings", batch.size());
        } else if (code >= 400 && code < 500 && code != 401 && code != 403 && code != 408 && code != 429) {
            if (batch.size() > 1) {
                LOG.info("server refused a batch of {} (HTTP {}): sending them one by one", batch.size(), code);
                exchange.setProperty(ONE_BY_ONE, true);
            } else {
                String reason = "HTTP " + code + " " + abbreviate(exchange.getMessage().getBody(String.class));
                LOG.warn("server refused reading {}: {}; moved to rejected/", batch.get(0).getFileName(), reason);
                spool.reject(batch.get(0), reason);
                if (rejected != null) {
                    rejected.increment();
                }
            }
        } else {
            retryLater(exchange, "HTTP " + code, retryAfter(exchange));
        }
    }

    /** Connection refused, timeout, DNS, TLS: the files stay. */
    public void onFailure(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        retryLater(exchange, e == null ? "unknown error" : e.toString(), null);
    }

    private void retryLater(Exchange exchange, String why, Duration retryAfter) {
        boolean first = !backoff.failing();
        Duration wait = backoff.failure(retryAfter);
        if (first) {
            LOG.warn("upload failed ({}): readings stay in the spool, retrying with back-off (next in {} ms)", why,
                    wait.toMillis());
        } else {
            LOG.debug("upload failed again ({}), next attempt in {} ms", why, wait.toMillis());
        }
    }

    private static Duration retryAfter(Exchange exchange) {
        String value = exchange.getMessage().getHeader("Retry-After", String.class);
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Path> batch(Exchange exchange) {
        return exchange.getProperty(BATCH, List.class);
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }
}
