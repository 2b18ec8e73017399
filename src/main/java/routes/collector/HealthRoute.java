package routes.collector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;

import com.fasterxml.jackson.databind.ObjectMapper;

import teleinfo.collector.CollectorBeans;
import teleinfo.collector.CollectorSettings;
import teleinfo.collector.Spool;

/**
 * {@code GET /health} on {@code collector.health.host:collector.health.port}, only when the port is set (not 0): the
 * Camel health checks (among them {@code tic}, DOWN when no valid frame came for a while) and the spool backlog.
 * 200 when every check is UP, 503 otherwise.
 */
public class HealthRoute extends RouteBuilder {
    /** Created only when the endpoint is on: without it the collector loads no Jackson at all. */
    private ObjectMapper json;

    @Override
    public void configure() {
        CollectorSettings settings = CollectorSettings.from(getContext());
        if (settings.healthPort() == 0) {
            return;
        }
        Spool spool = CollectorBeans.spool(getContext(), settings);
        json = new ObjectMapper();

        from("jetty:http://{{collector.health.host}}:{{collector.health.port}}/health?httpMethodRestrict=GET")
            .routeId("health")
            .process(e -> report(e, spool));
    }

    private void report(Exchange exchange, Spool spool) throws Exception {
        boolean up = true;
        List<Map<String, Object>> checks = new ArrayList<>();
        List<HealthCheck.Result> results = HealthCheckRegistry.get(exchange.getContext()).stream()
                .filter(HealthCheck::isEnabled).map(HealthCheck::call).toList();
        for (HealthCheck.Result r : results) {
            up &= r.getState() == HealthCheck.State.UP;
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("id", r.getCheck().getId());
            check.put("state", r.getState().name());
            r.getMessage().ifPresent(m -> check.put("message", m));
            checks.add(check);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("spoolBacklog", spool.size());
        body.put("checks", checks);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, up ? 200 : 503);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json.writeValueAsString(body));
    }
}
