package routes.server;

import io.micrometer.core.instrument.Counter;
import org.apache.camel.builder.RouteBuilder;

import teleinfo.http.JsonAnswers;
import teleinfo.ops.AppMetrics;
import teleinfo.server.StoreResult;

/**
 * {@code POST /api/readings}. The Jetty handlers named here serve the whole port (the last one is the outermost):
 * {@code securityHeaders} (nosniff on every answer), {@code slowClientLimits} (idle, header and body-rate timeouts).
 * Two more act before the route, from the request line and headers alone:
 * {@code exactPaths} answers 404 to any path that is not exactly a route's (camel-jetty would otherwise route
 * {@code /API/readings} or {@code /api/readings/} here), {@code readingsGuard} 405/401/415/413. The route makes the
 * same check again ({@code ingestionRequestCheck}) where the store is reached, then parses and validates the body
 * (400, 413 past the size limit however the body is sent), stores it (200, or 503 when the database is down).
 * Every answer is JSON ({@link JsonApiErrors} for the failures); the Authorization header goes no further than the
 * check.
 */
public class IngestionRoute extends RouteBuilder {
    @Override
    public void configure() {
        // disableStreamCache: the body is parsed straight from the socket, never copied whole into memory first;
        // mapHttpMessageFormUrlEncodedBody=false: a form body is never parsed into headers
        Counter stored = AppMetrics.counter(getContext(), "teleinfo.readings.stored", "readings stored");
        Counter duplicates = AppMetrics.counter(getContext(), "teleinfo.readings.duplicates",
                "readings received again and left unchanged");

        from("jetty:http://{{http.host}}:{{http.port}}/api/readings?handlers=#readingsGuard,#exactPaths,#slowClientLimits,#securityHeaders"
                + "&httpMethodRestrict=POST&disableStreamCache=true&mapHttpMessageFormUrlEncodedBody=false")
                .routeId("readings-ingest")
                .routeConfigurationId(JsonApiErrors.ID)
                .process("ingestionRequestCheck")
                .process("readingParser")
                .bean("readingStore", "store")
                .process(e -> {
                    StoreResult result = e.getIn().getBody(StoreResult.class);
                    stored.increment(result.stored());
                    duplicates.increment(result.duplicates());
                    JsonAnswers.json(e, 200, result); // {"stored":n,"duplicates":m}
                });
    }
}
