package teleinfo.ops;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;

/**
 * One Prometheus registry per process, bound where camel-micrometer looks for it, with route timings and JVM
 * metrics. The application's own meters (frames, errors, readings spooled/uploaded/rejected, ingestion) are
 * registered on it by the code that counts them.
 */
public final class Observability {
    private Observability() {
    }

    /** Binds the registry to the context (before its routes start) and returns it. */
    public static PrometheusMeterRegistry install(CamelContext context) {
        PrometheusMeterRegistry existing = context.getRegistry()
                .lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, PrometheusMeterRegistry.class);
        if (existing != null) {
            return existing;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, registry);
        MicrometerRoutePolicyFactory routeMetrics = new MicrometerRoutePolicyFactory();
        routeMetrics.setMeterRegistry(registry);
        context.addRoutePolicyFactory(routeMetrics);
        return registry;
    }

    /** True when this process has an operations endpoint ({@code ops.port} set and not 0). */
    public static boolean enabled(CamelContext context) {
        return !context.getPropertiesComponent().resolveProperty("ops.port").orElse("0").strip().equals("0");
    }
}
