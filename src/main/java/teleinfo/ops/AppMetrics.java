package teleinfo.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.CamelContext;

/**
 * The application's own meters (Prometheus names {@code teleinfo_*}). They count into the process's Prometheus
 * registry when an operations endpoint is configured ({@code ops.port} not 0), and into nothing otherwise, so that a
 * collector without /metrics carries no registry.
 */
public final class AppMetrics {
    private static final MeterRegistry NOWHERE = new CompositeMeterRegistry();

    private AppMetrics() {
    }

    public static Counter counter(CamelContext context, String name, String description) {
        return Counter.builder(name).description(description).register(registry(context));
    }

    static MeterRegistry registry(CamelContext context) {
        return Observability.enabled(context) ? Observability.install(context) : NOWHERE;
    }
}
