package routes.ops;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

import teleinfo.ops.Observability;

/**
 * {@code GET /health} (JSON, 200 when every check is UP, else 503) and {@code GET /metrics} (Prometheus text) on the
 * operations port: the server's HTTP port, or the collector's small local port.
 */
public class OperationsRoute extends RouteBuilder {

    @Override
    public void configure() {
        Observability.install(getContext());

        from("jetty:http://{{ops.host:0.0.0.0}}:{{ops.port}}/health?httpMethodRestrict=GET")
                .routeId("ops-health")
                .process(this::health)
                .marshal().json();

        from("jetty:http://{{ops.host:0.0.0.0}}:{{ops.port}}/metrics?httpMethodRestrict=GET")
                .routeId("ops-metrics")
                .setHeader(Exchange.CONTENT_TYPE, constant("text/plain; version=0.0.4; charset=utf-8"))
                .process(e -> e.getMessage().setBody(Observability.registry(getContext()).scrape()));
    }

    private void health(Exchange exchange) {
        Map<String, Object> checks = new LinkedHashMap<>();
        boolean up = true;
        for (HealthCheck.Result r : HealthCheckHelper.invoke(exchange.getContext())) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("state", r.getState().name());
            r.getMessage().ifPresent(m -> check.put("message", m));
            Map<String, Object> details = new LinkedHashMap<>();
            r.getDetails().forEach((k, v) -> {
                if (!k.startsWith("invocation.") && !k.startsWith("failure.")) {
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
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, up ? 200 : 503);
        exchange.getMessage().setBody(body);
    }
}
