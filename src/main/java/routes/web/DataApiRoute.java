package routes.web;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.rest.ParamDefinition;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestParamType;
import org.apache.camel.support.SynchronizationAdapter;

import routes.server.JsonApiErrors;
import teleinfo.http.JsonAnswers;
import teleinfo.web.EnergyQuery;
import teleinfo.web.EnergyStep;
import teleinfo.web.MetersQuery;
import teleinfo.web.PhaseSeriesQuery;
import teleinfo.web.PowerSeriesQuery;
import teleinfo.web.QueryParameters;
import teleinfo.web.ReadingsCsvExport;
import teleinfo.web.SummaryQuery;
import teleinfo.web.TimeRange;
import teleinfo.web.WebExchanges;

/** The JSON API of the chart page and the CSV export (read only); errors answered by {@link JsonApiErrors}. */
public class DataApiRoute extends RouteBuilder {
    /** Day and month boundaries when the request names no time zone. */
    static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");
    static final int DEFAULT_POINTS = 1000;
    static final int MAX_POINTS = 10_000;
    static final long MAX_DAYS = 20 * 366;
    private static final String JSON = "application/json";

    @Override
    public void configure() {
        MetersQuery meters = lookup("metersQuery", MetersQuery.class);
        PowerSeriesQuery power = lookup("powerQuery", PowerSeriesQuery.class);
        EnergyQuery energy = lookup("energyQuery", EnergyQuery.class);
        PhaseSeriesQuery phases = lookup("phasesQuery", PhaseSeriesQuery.class);
        SummaryQuery summary = lookup("summaryQuery", SummaryQuery.class);
        ReadingsCsvExport csv = lookup("readingsCsv", ReadingsCsvExport.class);

        // on the server's Jetty port, beside the ingestion endpoint and the page; no JSON binding: the answers are
        // written by JsonAnswers, the errors by JsonApiErrors, the query read by QueryParameters
        restConfiguration().component("jetty").host("{{http.host:0.0.0.0}}").port("{{http.port}}")
                .bindingMode(RestBindingMode.off)
                .endpointProperty("httpBinding", "#queryStringBinding");

        rest("/api").description("The chart page's data, read only. Times: ISO-8601 or epoch milliseconds; "
                + "tz: an IANA zone for day and month boundaries (default Europe/Paris). A bad parameter is a 400 "
                + "with a JSON message.")
            .get("/meters").routeId("web-api-meters").produces(JSON)
                .description("Every meter: first and last reading, latest power, tariff option and period names")
                .to("direct:web-api-meters")
            .get("/power").routeId("web-api-power").produces(JSON)
                .description("Power over [from, to): average, min and max per bucket, at most `points` buckets")
                .param(meter()).param(time("from")).param(time("to")).param(zone()).param(points())
                .to("direct:web-api-power")
            .get("/phases").routeId("web-api-phases").produces(JSON)
                .description("Per-phase current, voltage and power of a three-phase meter over [from, to)")
                .param(meter()).param(time("from")).param(time("to")).param(zone()).param(points())
                .to("direct:web-api-phases")
            .get("/energy").routeId("web-api-energy").produces(JSON)
                .description("Energy per tariff period (consumed, injected, net, cost) per hour, day or month")
                .param(meter()).param(time("from")).param(time("to")).param(zone())
                .param().name("step").type(RestParamType.query).required(true)
                    .allowableValues("hour", "day", "month").endParam()
                .to("direct:web-api-energy")
            .get("/summary").routeId("web-api-summary").produces(JSON)
                .description("The tiles: costs this month, projected, last month, this year; standby; "
                        + "the day's maximum power; Tempo and EJP colours")
                .param(meter()).param(zone())
                .param().name("now").type(RestParamType.query).required(false)
                    .description("the instant the tiles are computed for (default: now)").endParam()
                .to("direct:web-api-summary")
            .get("/readings.csv").routeId("web-api-readings-csv").produces("text/csv")
                .description("Every stored reading of [from, to) as CSV (a file download)")
                .param(meter()).param(time("from")).param(time("to")).param(zone())
                .to("direct:web-api-readings-csv");

        // the one plain read: the meter list comes straight from its SQL file (camel-sql, the pool's dataSource bean)
        api("web-api-meters")
                .to("sql:classpath:sql/queries/web-meter-list.sql?dataSource=#dataSource&outputType=SelectList")
                .process(e -> JsonAnswers.json(e, 200, meters.describe(e.getMessage().getMandatoryBody(List.class))));

        api("web-api-power").process(answer(p -> {
            String meter = p.meter();
            ZoneId zone = p.zone("tz", DEFAULT_ZONE);
            return power.run(meter, p.range(zone, MAX_DAYS), points(p));
        }));

        api("web-api-phases").process(answer(p -> {
            String meter = p.meter();
            ZoneId zone = p.zone("tz", DEFAULT_ZONE);
            return phases.run(meter, p.range(zone, MAX_DAYS), points(p));
        }));

        api("web-api-summary").process(answer(p -> {
            String meter = p.meter();
            ZoneId zone = p.zone("tz", DEFAULT_ZONE);
            return summary.run(meter, zone, p.optionalTime("now", zone, Instant.now()));
        }));

        api("web-api-energy").process(answer(p -> {
            String meter = p.meter();
            ZoneId zone = p.zone("tz", DEFAULT_ZONE);
            TimeRange range = p.range(zone, MAX_DAYS);
            return energy.run(meter, range, EnergyStep.parse(p.required("step")), zone);
        }));

        api("web-api-readings-csv").process(e -> {
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

    /**
     * The route behind an operation of the rest DSL above: the JSON error policy, the read access check, then what
     * ingestion queued for the hourly roll-up folded into it, so that no answer misses a stored reading.
     */
    private RouteDefinition api(String routeId) {
        return from("direct:" + routeId).routeConfigurationId(JsonApiErrors.ID).process("readAccess")
                .bean("hourRollUp", "foldPending");
    }

    /** Answers 200 with the query's result as JSON; a bad parameter throws, and JsonApiErrors answers it. */
    private static Processor answer(Query query) {
        return e -> JsonAnswers.json(e, 200, query.run(WebExchanges.parameters(e)));
    }

    @FunctionalInterface
    private interface Query {
        Object run(QueryParameters parameters) throws Exception;
    }

    private static int points(QueryParameters p) {
        return p.integer("points", DEFAULT_POINTS, 2, MAX_POINTS);
    }

    private static ParamDefinition meter() {
        return query("meter", true, "the meter's id (ADCO or ADSC)");
    }

    private static ParamDefinition time(String name) {
        return query(name, true, "an ISO-8601 instant or date, or epoch milliseconds");
    }

    private static ParamDefinition zone() {
        return query("tz", false, "an IANA time zone (default Europe/Paris)");
    }

    private static ParamDefinition points() {
        return query("points", false, "at most this many buckets, 2 to " + MAX_POINTS + " (default "
                + DEFAULT_POINTS + ")");
    }

    private static ParamDefinition query(String name, boolean required, String description) {
        return new ParamDefinition().name(name).type(RestParamType.query).required(required)
                .description(description);
    }

    private <T> T lookup(String name, Class<T> type) {
        return getContext().getRegistry().lookupByNameAndType(name, type);
    }
}
