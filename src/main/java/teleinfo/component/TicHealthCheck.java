package teleinfo.component;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** DOWN when the consumer is not reading or no valid frame arrived for {@code noFrameTimeout}. Id {@code tic}. */
final class TicHealthCheck extends AbstractHealthCheck {
    private final TicConsumer consumer;

    TicHealthCheck(TicConsumer consumer) {
        super("camel", "tic");
        this.consumer = consumer;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        TicEndpoint endpoint = consumer.getEndpoint();
        builder.detail("port", endpoint.getPort());
        if (!consumer.isReading()) {
            builder.message("not reading").down();
            return;
        }
        Duration silence = Duration.ofNanos(consumer.nanosSinceLastFrame());
        builder.detail("secondsSinceLastFrame", silence.toSeconds());
        if (silence.toMillis() > endpoint.getNoFrameTimeout()) {
            builder.message("no valid TIC frame for " + silence.toSeconds() + " s").down();
        } else {
            builder.up();
        }
    }
}
