package routes.server;

import io.micrometer.core.instrument.Counter;
import org.apache.camel.builder.RouteBuilder;

import teleinfo.ops.AppMetrics;
import teleinfo.server.StoreResult;

import teleinfo.server.ApiResponses;

/**
 * {@code POST /api/readings}: the bean {@code readingsGuard} (a Jetty handler) has already answered 405/401/415/413
 * from the headers; here the body is parsed and validated (400), stored (200, or 503 when the database is down).
 * Every answer is JSON; the Authorization header goes no further than the guard and is dropped here.
 */
public class IngestionRoute extends RouteBuilder {
    @Override
    public void configure() {
        onException(Exception.class)
                .handled(true)
                .process(ApiResponses::failed);

        // disableStreamCache: the body is parsed straight from the socket, never copied whole into memory first
        Counter stored = AppMetrics.counter(getContext(), "teleinfo.readings.stored", "readings stored");
        Counter duplicates = AppMetrics.counter(getContext(), "teleinfo.readings.duplicates",
                "readings received again and left unchanged");

        from("jetty:http://{{http.host}}:{{http.port}}/api/readings?handlers=#readingsGuard&disableStreamCache=true")
                .routeId("readings-ingest")
                .removeHeader("Authorization")
                .process("readingParser")
                .bean("readingStore", "store")
                .process(e -> {
                    StoreResult result = e.getIn().getBody(StoreResult.class);
                    stored.increment(result.stored());
                    duplicates.increment(result.duplicates());
                })
                .process(ApiResponses::stored);
    }
}
