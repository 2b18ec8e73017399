package routes.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;

import teleinfo.http.JsonAnswers;
import teleinfo.ops.Observability;

/**
 * {@code GET /health} (JSON, 200 when every check is UP, else 503) and {@code GET /metrics} (Prometheus text) on the
 * operations port: the server's HTTP port, or the collector's small local port.
 */
public class OperationsRoute extends RouteBuilder {
    /** Details every Camel check carries (counters, timestamps): noise in a health report. */
    private static final java.util.regex.Pattern BOOKKEEPING =
            java.util.regex.Pattern.compile("(invocation|failure|success|check|context)\\.");

    @Override
    public void configure() {
        if (!Observability.enabled(getContext())) {
            return; // no operations endpoint (a collector without TELEINFO_HEALTH_PORT)
        }
        PrometheusMeterRegistry registry = Observability.install(getContext());

        from("jetty:http://{{ops.host:0.0.0.0}}:{{ops.port}}/health?httpMethodRestrict=GET")
                .routeId("ops-health")
                .process(this::health);

        from("jetty:http://{{ops.host:0.0.0.0}}:{{ops.port}}/metrics?httpMethodRestrict=GET")
                .routeId("ops-metrics")
                .setHeader(Exchange.CONTENT_TYPE, constant("text/plain; version=0.0.4; charset=utf-8"))
                .process(e -> e.getMessage().setBody(registry.scrape()));
    }

    private void health(Exchange exchange) {
        Map<String, Object> checks = new LinkedHashMap<>();
        boolean up = true;
        List<HealthCheck.Result> results = HealthCheckRegistry.get(exchange.getContext()).stream()
                .filter(HealthCheck::isEnabled).map(HealthCheck::call).toList();
        for (HealthCheck.Result r : results) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("state", r.getState().name());
            r.getMessage().ifPresent(m -> check.put("message", m));
            Map<String, Object> details = new LinkedHashMap<>();
            r.getDetails().forEach((k, v) -> {
                if (!BOOKKEEPING.matcher(k).lookingAt()) {
                    details.put(k, String.valueOf(v));
                }
            });
            if (!details.isEmpty()) {
                check.put("details", details);
            }
            checks.put(r.getCheck().getId(), check);
            up &= r.getState() != HealthCheck.State.DOWN;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", checks);
        JsonAnswers.json(exchange, up ? 200 : 503, body);
    }
}
