package teleinfo.collector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Capped exponential back-off between upload attempts; a server's Retry-After is honoured when longer. */
public final class RetryBackoff {
    private final Duration initial;
    private final Duration max;
    private final Clock clock;
    private int failures;
    private Instant nextAttempt = Instant.MIN;

    public RetryBackoff(Duration initial, Duration max, Clock clock) {
        this.initial = initial;
        this.max = max;
        this.clock = clock;
    }

    public synchronized boolean due() {
        return !clock.instant().isBefore(nextAttempt);
    }

    public synchronized boolean failing() {
        return failures > 0;
    }

    /** @return the wait before the next attempt */
    public synchronized Duration failure(Duration retryAfter) {
        long factor = 1L << Math.min(failures, 30);
        failures++;
        Duration wait = initial.multipliedBy(factor);
        if (wait.compareTo(max) > 0) {
            wait = max;
        }
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter.compareTo(max) > 0 ? max : retryAfter;
        }
        nextAttempt = clock.instant().plus(wait);
        return wait;
    }

    public synchronized void success() {
        failures = 0;
        nextAttempt = Instant.MIN;
    }
}
