package routes.web;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.SynchronizationAdapter;

import routes.server.JsonApiErrors;
import teleinfo.http.JsonAnswers;
import teleinfo.web.EnergyQuery;
import teleinfo.web.EnergyStep;
import teleinfo.web.MetersQuery;
import teleinfo.web.PhaseSeriesQuery;
import teleinfo.web.PowerSeriesQuery;
import teleinfo.web.SummaryQuery;
import teleinfo.web.QueryParameters;
import teleinfo.web.ReadingsCsvExport;
import teleinfo.web.WebExchanges;

/** The JSON API of the chart page and the CSV export (read only); errors answered by {@link JsonApiErrors}. */
public class DataApiRoute extends RouteBuilder {
    /** Day and month boundaries when the request names no time zone. */
    static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");
    static final int DEFAULT_POINTS = 1000;
    static final int MAX_POINTS = 10_000;
    static final long MAX_DAYS = 20 * 366;

    @Override
    public void configure() {
        MetersQuery meters = lookup("metersQuery", MetersQuery.class);
        PowerSeriesQuery power = lookup("powerQuery", PowerSeriesQuery.class);
        EnergyQuery energy = lookup("energyQuery", EnergyQuery.class);
        PhaseSeriesQuery phases = lookup("phasesQuery", PhaseSeriesQuery.class);
        SummaryQuery summary = lookup("summaryQuery", SummaryQuery.class);
        ReadingsCsvExport csv = lookup("readingsCsv", ReadingsCsvExport.class);

        // the one plain read: the meter list comes straight from its SQL file (camel-sql, the pool's dataSource bean)
        from(api("/api/meters")).routeId("web-api-meters").routeConfigurationId(JsonApiErrors.ID)
                .process("readAccess")
                .to("sql:classpath:sql/queries/web-meter-list.sql?dataSource=#dataSource&outputType=SelectList")
                .process(e -> JsonAnswers.json(e, 200, meters.describe(e.getMessage().getMandatoryBody(List.class))));

        from(api("/api/power")).routeId("web-api-power").routeConfigurationId(JsonApiErrors.ID)
                .process("readAccess")
                .process(e -> {
                    QueryParameters p = WebExchanges.parameters(e);
                    String meter = p.meter();
                    ZoneId zone = p.zone("tz", DEFAULT_ZONE);
                    var range = p.range(zone, MAX_DAYS);
                    int points = p.integer("points", DEFAULT_POINTS, 2, MAX_POINTS);
                    JsonAnswers.json(e, 200, power.run(meter, range, points));
                });

        from(api("/api/phases")).routeId("web-api-phases").routeConfigurationId(JsonApiErrors.ID)
                .process("readAccess")
                .process(e -> {
                    QueryParameters p = WebExchanges.parameters(e);
                    String meter = p.meter();
                    var range = p.range(p.zone("tz", DEFAULT_ZONE), MAX_DAYS);
                    int points = p.integer("points", DEFAULT_POINTS, 2, MAX_POINTS);
                    JsonAnswers.json(e, 200, phases.run(meter, range, points));
                });

        from(api("/api/summary")).routeId("web-api-summary").routeConfigurationId(JsonApiErrors.ID)
                .process("readAccess")
                .process(e -> {
                    QueryParameters p = WebExchanges.parameters(e);
                    String meter = p.meter();
                    ZoneId zone = p.zone("tz", DEFAULT_ZONE);
                    JsonAnswers.json(e, 200, summary.run(meter, zone, p.optionalTime("now", zone, Instant.now())));
                });

        from(api("/api/energy")).routeId("web-api-energy").routeConfigurationId(JsonApiErrors.ID)
                .process("readAccess")
                .process(e -> {
                    QueryParameters p = WebExchanges.parameters(e);
                    String meter = p.meter();
                    ZoneId zone = p.zone("tz", DEFAULT_ZONE);
                    var range = p.range(zone, MAX_DAYS);
                    EnergyStep step = EnergyStep.parse(p.required("step"));
                    JsonAnswers.json(e, 200, energy.run(meter, range, step, zone));
                });

        from(api("/api/readings.csv")).routeId("web-api-readings-csv").routeConfigurationId(JsonApiErrors.ID)
                .process("readAccess")
                .process(e -> {
                    QueryParameters p = WebExchanges.parameters(e);
                    String meter = p.meter();
                    var range = p.range(p.zone("tz", DEFAULT_ZONE), ReadingsCsvExport.MAX_DAYS);
                    // spooled to a temporary file, deleted once the answer is sent: a year is ~50 MB
                    Path file = Files.createTempFile("teleinfo-readings-", ".csv");
                    e.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                        @Override
                        public void onDone(Exchange exchange) {
                            file.toFile().delete();
                        }
                    });
                    try (OutputStream body = Files.newOutputStream(file)) {
                        csv.write(meter, range, body);
                    }
                    var out = e.getMessage();
                    out.removeHeaders("*");
                    out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
                    out.setHeader(Exchange.CONTENT_TYPE, "text/csv; charset=utf-8");
                    out.setHeader("Content-Disposition", "attachment; filename=\"readings-" + meter + ".csv\"");
                    out.setBody(file.toFile());
                });
    }

    private <T> T lookup(String name, Class<T> type) {
        return getContext().getRegistry().lookupByNameAndType(name, type);
    }

    private static String api(String path) {
        return "jetty:http://{{http.host:0.0.0.0}}:{{http.port}}" + path + "?httpMethodRestrict=GET";
    }
}
