package teleinfo.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import teleinfo.storage.Database;
import teleinfo.testsupport.TestDatabase;

/**
 * The API on a real Jetty and a real database seeded with four days of minute readings around the 2026 summer-time
 * change (Sunday 29 March: 23 hours in Paris), once on each database.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant SEED_FROM = LocalDate.of(2026, 3, 27).atStartOfDay(SeededReadings.PARIS).toInstant();
    static final Instant SEED_TO = LocalDate.of(2026, 3, 31).atStartOfDay(SeededReadings.PARIS).toInstant();
    static final String M = SeededReadings.METER;

    private HikariDataSource dataSource;
    private WebServer server;
    private SeededReadings seeded;

    @Parameter
    TestDatabase database;

    @BeforeParameterizedClassInvocation
    void start() throws Exception {
        dataSource = Database.pool(database.newDatabaseUrl(), null, null, 4);
        Database.migrate(dataSource);
        seeded = new SeededReadings(SEED_FROM, SEED_TO);
        seeded.insertInto(dataSource);
        server = new WebServer(dataSource, Map.of("web.prices", "HP:0.25,HC:0.20", "web.subscription", "31"));
    }

    @AfterParameterizedClassInvocation
    void stop() {
        server.close();
        dataSource.close();
    }

    static String ms(Instant t) {
        return String.valueOf(t.toEpochMilli());
    }

    static String iso(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void metersListsTheMeterWithItsFirstAndLastReadingAndLatestPower() throws Exception {
        JsonNode meters = server.getJson("/api/meters").get("meters");
        assertThat(meters).hasSize(1);
        JsonNode meter = meters.get(0);
        SeededReadings.Minute last = seeded.minutes.get(seeded.minutes.size() - 1);
        assertThat(meter.get("meter").asText()).isEqualTo(M);
        assertThat(meter.get("mode").asText()).isEqualTo("historic");
        assertThat(meter.get("first").asLong()).isEqualTo(SEED_FROM.toEpochMilli());
        assertThat(meter.get("last").asLong()).isEqualTo(last.t() * 1000);
        assertThat(meter.get("lastPower").asInt()).isEqualTo(last.avg());
        assertThat(meter.get("lastPeriod").asText()).isEqualTo(last.period());
    }

    @ParameterizedTest(name = "points={0}")
    @ValueSource(ints = {2, 50, 100, 150, 250, 700, 6000})
    void powerIsDownsampledToAtMostPointsBucketsWithTheRightAverageMinAndMax(int points) throws Exception {
        Instant from = SEED_FROM.plusSeconds(7 * 60 + 13); // not on a bucket boundary
        Instant to = SEED_TO.minusSeconds(3 * 3600);
        JsonNode power = server.getJson("/api/power?meter=" + M + "&from=" + ms(from) + "&to=" + ms(to) + "&points=" + points);
        long step = power.get("step").asLong();
        JsonNode series = power.get("points");
        assertThat(series.size()).isBetween(1, points);
        assertThat(power.get("source").asText()).isEqualTo(step >= 3600 ? "hour" : "minute");
        assertThat(step % (step >= 3600 ? 3600 : 60)).isZero();
        long fromSecond = step >= 3600 ? from.getEpochSecond() / 3600 * 3600 : from.getEpochSecond() / 60 * 60;
        long total = 0;
        for (JsonNode bucket : series) {
            long start = bucket.get(0).asLong() / 1000;
            assertThat(start % step).isZero();
            List<SeededReadings.Minute> in = seeded.minutes.stream()
                    .filter(m -> m.t() >= Math.max(start, fromSecond) && m.t() < start + step
                            && m.t() < to.getEpochSecond())
                    .toList();
            assertThat(in).as("bucket " + start).isNotEmpty();
            double average = in.stream().mapToLong(SeededReadings.Minute::avg).sum() / (double) in.size();
            assertThat(bucket.get(1).asLong()).as("avg of " + start).isEqualTo(Math.round(average));
            assertThat(bucket.get(2).asInt()).isEqualTo(in.stream().mapToInt(SeededReadings.Minute::min).min().orElseThrow());
            assertThat(bucket.get(3).asInt()).isEqualTo(in.stream().mapToInt(SeededReadings.Minute::max).max().orElseThrow());
            total += in.size();
        }
        long expected = seeded.minutes.stream()
                .filter(m -> m.t() >= fromSecond && m.t() < to.getEpochSecond()).count();
        assertThat(total).as("every reading in exactly one bucket").isEqualTo(expected);
    }

    @Test
    void powerUsesTheMinuteReadingsBelowAnHourAndTheRollUpFromAnHour() throws Exception {
        String range = "&from=" + ms(SEED_FROM) + "&to=" + ms(SEED_TO);
        assertThat(server.getJson("/api/power?meter=" + M + range + "&points=2000").get("source").asText()).isEqualTo("minute");
        // 95 hours: 96 points are enough for hourly buckets (the range touches 95 of them, 96 when not aligned)
        JsonNode hourly = server.getJson("/api/power?meter=" + M + range + "&points=96");
        assertThat(hourly.get("source").asText()).isEqualTo("hour");
        assertThat(hourly.get("step").asLong()).isEqualTo(3600);
        assertThat(hourly.get("points")).hasSize(95);
    }

    @ParameterizedTest(name = "points={0}")
    @ValueSource(ints = {2000, 60})
    void powerCarriesTheTariffPeriodsAsIntervals(int points) throws Exception {
        Instant from = LocalDate.of(2026, 3, 28).atStartOfDay(SeededReadings.PARIS).toInstant();
        Instant to = from.plusSeconds(86_400);
        JsonNode periods = server.getJson("/api/power?meter=" + M + "&from=" + ms(from) + "&to=" + ms(to) + "&points="
                + points).get("periods");
        // 28 March, Paris: HC until 06:00, HP until 22:00, HC until midnight
        assertThat(periods).hasSize(3);
        assertInterval(periods.get(0), "HC", from, at(2026, 3, 28, 6));
        assertInterval(periods.get(1), "HP", at(2026, 3, 28, 6), at(2026, 3, 28, 22));
        assertInterval(periods.get(2), "HC", at(2026, 3, 28, 22), to);
    }

    private static Instant at(int year, int month, int day, int hour) {
        return ZonedDateTime.of(year, month, day, hour, 0, 0, 0, SeededReadings.PARIS).toInstant();
    }

    private static void assertInterval(JsonNode interval, String period, Instant from, Instant to) {
        assertThat(interval.get("period").asText()).isEqualTo(period);
        assertThat(interval.get("from").asLong()).isEqualTo(from.toEpochMilli());
        assertThat(interval.get("to").asLong()).isEqualTo(to.toEpochMilli());
    }

    @Test
    void energyPerDayFollowsTheParisCalendarAcrossTheSummerTimeChange() throws Exception {
        JsonNode energy = server.getJson("/api/energy?meter=" + M + "&from=2026-03-28&to=2026-03-31&step=day&tz="
                + iso("Europe/Paris"));
        JsonNode days = energy.get("buckets");
        assertThat(days).hasSize(3);
        // 28 March: 8 h of HC × 0.6 kWh, 16 h of HP × 1.2 kWh
        assertDay(days.get(0), at(2026, 3, 28, 0), 4.8, 19.2, 24);
        // 29 March lasts 23 hours: 02:00-03:00 does not exist, and it was an HC hour
        assertDay(days.get(1), at(2026, 3, 29, 0), 4.2, 19.2, 23);
        assertDay(days.get(2), at(2026, 3, 30, 0), 4.8, 19.2, 24);
        assertThat(energy.get("periods")).extracting(JsonNode::asText).containsExactly("HC", "HP");
        assertThat(energy.get("kWh").get("HC").asDouble()).isCloseTo(13.8, within(1e-9));
        assertThat(energy.get("kWh").get("HP").asDouble()).isCloseTo(57.6, within(1e-9));
        assertThat(energy.get("total").asDouble()).isCloseTo(71.4, within(1e-9));
        double subscription = 31.0 * (24 + 23 + 24) / (31 * 24 - 1);
        assertThat(energy.get("cost").asDouble()).isCloseTo(13.8 * 0.20 + 57.6 * 0.25 + subscription, within(0.006));
    }

    private static void assertDay(JsonNode day, Instant start, double hc, double hp, int hours) {
        assertThat(day.get("t").asLong()).isEqualTo(start.toEpochMilli());
        assertThat(day.get("end").asLong()).isEqualTo(start.plusSeconds(hours * 3600L).toEpochMilli());
        assertThat(day.get("kWh").get("HC").asDouble()).isCloseTo(hc, within(1e-9));
        assertThat(day.get("kWh").get("HP").asDouble()).isCloseTo(hp, within(1e-9));
        assertThat(day.get("total").asDouble()).isCloseTo(hc + hp, within(1e-9));
        // March: 31 days, 743 hours in Paris; the subscription (31 €/month) is shared out per hour
        double cost = hc * 0.20 + hp * 0.25 + 31.0 * hours / 743;
        assertThat(day.get("cost").asDouble()).isCloseTo(cost, within(1e-4));
    }

    @Test
    void energyPerDayInUtcHasTwentyFourHourDays() throws Exception {
        JsonNode days = server.getJson("/api/energy?meter=" + M + "&from=2026-03-29&to=2026-03-30&step=day&tz=UTC")
                .get("buckets");
        assertThat(days).hasSize(1);
        // UTC 29 March = Paris 01:00 CET to 02:00 CEST on the 30th: HC 01-02, 03-06, 22-02 = 8 h
        assertThat(days.get(0).get("kWh").get("HC").asDouble()).isCloseTo(4.8, within(1e-9));
        assertThat(days.get(0).get("kWh").get("HP").asDouble()).isCloseTo(19.2, within(1e-9));
    }

    @Test
    void energyPerHourSkipsTheMissingHourOfTheChange() throws Exception {
        JsonNode hours = server.getJson("/api/energy?meter=" + M + "&from=" + iso("2026-03-29T01:00:00+01:00") + "&to="
                + iso("2026-03-29T04:00:00+02:00") + "&step=hour").get("buckets");
        assertThat(hours).hasSize(2);
        assertThat(hours.get(0).get("t").asLong()).isEqualTo(at(2026, 3, 29, 1).toEpochMilli());
        assertThat(hours.get(1).get("t").asLong()).isEqualTo(at(2026, 3, 29, 3).toEpochMilli());
        for (JsonNode hour : hours) {
            assertThat(hour.get("kWh").get("HC").asDouble()).isCloseTo(0.6, within(1e-9));
            assertThat(hour.get("kWh").has("HP")).isFalse();
        }
    }

    @Test
    void energyPerMonthIsEverythingAfterTheFirstHourOfData() throws Exception {
        JsonNode month = server.getJson("/api/energy?meter=" + M + "&from=2026-03-01&to=2026-04-01&step=month");
        assertThat(month.get("buckets")).hasSize(1);
        // the first hour of the data has no earlier value to subtract from
        double firstHour = 0.6;
        double seededKwh = seededTotalWh() / 1000.0 - firstHour;
        assertThat(month.get("total").asDouble()).isCloseTo(seededKwh, within(1e-9));
        // the subscription counts from the meter's first hour of readings to the end of the month (743 h in Paris)
        double monthShare = (LocalDate.of(2026, 4, 1).atStartOfDay(SeededReadings.PARIS).toEpochSecond()
                - SEED_FROM.getEpochSecond()) / (743 * 3600.0);
        assertThat(month.get("buckets").get(0).get("cost").asDouble()).isCloseTo(
                month.get("kWh").get("HC").asDouble() * 0.20 + month.get("kWh").get("HP").asDouble() * 0.25
                        + 31 * monthShare, within(1e-4));
    }

    private long seededTotalWh() {
        SeededReadings.Minute first = seeded.minutes.get(0);
        SeededReadings.Minute last = seeded.minutes.get(seeded.minutes.size() - 1);
        // the registers before the first minute: the first minute (HC) added 10 Wh
        return last.hchc() - (first.hchc() - SeededReadings.HC_WH_PER_MINUTE) + last.hchp() - first.hchp();
    }

    @Test
    void unknownMeterGivesEmptySeriesNotAnError() throws Exception {
        String range = "&from=" + ms(SEED_FROM) + "&to=" + ms(SEED_TO);
        JsonNode power = server.getJson("/api/power?meter=000000000000" + range);
        assertThat(power.get("points")).isEmpty();
        assertThat(power.get("periods")).isEmpty();
        JsonNode energy = server.getJson("/api/energy?meter=000000000000" + range + "&step=day");
        assertThat(energy.get("total").asDouble()).isZero();
        assertThat(energy.get("periods")).isEmpty();
    }

    @Test
    void csvExportHasOneLinePerReadingWithTheRegistersInUse() throws Exception {
        Instant from = at(2026, 3, 28, 21).plusSeconds(55 * 60);
        HttpResponse<String> response = server.get("/api/readings.csv?meter=" + M + "&from=" + ms(from) + "&to="
                + ms(from.plusSeconds(600)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] lines = response.body().split("\n");
        assertThat(lines).hasSize(11);
        List<String> header = List.of(lines[0].split(","));
        // the period registers are titled with the period's name, as on the page
        assertThat(header).startsWith("time").contains("period", "power_avg", "power_min", "power_max",
                "e_hchc (Heures creuses)", "e_hchp (Heures pleines)").doesNotContain("e_base", "e_bbrhcjb", "meter");
        SeededReadings.Minute first = seeded.minutes.stream().filter(m -> m.t() == from.getEpochSecond())
                .findFirst().orElseThrow();
        String[] row = lines[1].split(",", -1);
        assertThat(row[0]).isEqualTo("2026-03-28T20:55:00Z");
        assertThat(row[header.indexOf("period")]).isEqualTo("HP");
        assertThat(row[header.indexOf("power_avg")]).isEqualTo(String.valueOf(first.avg()));
        assertThat(row[header.indexOf("e_hchc (Heures creuses)")]).isEqualTo(String.valueOf(first.hchc()));
        assertThat(lines[6].split(",")[header.indexOf("period")]).isEqualTo("HC");
    }

    @Test
    void csvExportOfSeveralDaysHasEveryMinuteOnceInOrder() throws Exception {
        Instant from = SEED_FROM.minusSeconds(3600);
        String[] lines = server.get("/api/readings.csv?meter=" + M + "&from=" + ms(from) + "&to=" + ms(SEED_TO))
                .body().split("\n");
        assertThat(lines).hasSize(seeded.minutes.size() + 1);
        assertThat(lines[1]).startsWith(SEED_FROM.toString() + ",");
        assertThat(lines[lines.length - 1]).startsWith(SEED_TO.minusSeconds(60).toString() + ",");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "/api/power?from=2026-03-28&to=2026-03-29",
        "/api/power?meter=&from=2026-03-28&to=2026-03-29",
        "/api/power?meter=02152860%27--&from=2026-03-28&to=2026-03-29",
        "/api/power?meter=021528603314012345&from=2026-03-28&to=2026-03-29",
        "/api/power?meter=021528603314&to=2026-03-29",
        "/api/power?meter=021528603314&from=2026-03-28",
        "/api/power?meter=021528603314&from=yesterday&to=2026-03-29",
        "/api/power?meter=021528603314&from=2026-03-28&to=2026-13-45",
        "/api/power?meter=021528603314&from=2026-03-29&to=2026-03-28",
        "/api/power?meter=021528603314&from=2026-03-28&to=2026-03-28",
        "/api/power?meter=021528603314&from=1990-01-01&to=2026-03-28",
        "/api/power?meter=021528603314&from=2026-03-28&to=2026-03-29&points=1",
        "/api/power?meter=021528603314&from=2026-03-28&to=2026-03-29&points=100000",
        "/api/power?meter=021528603314&from=2026-03-28&to=2026-03-29&points=many",
        "/api/power?meter=021528603314&from=2026-03-28&to=2026-03-29&tz=Mars/Olympus",
        "/api/power?meter=021528603314&meter=1&from=2026-03-28&to=2026-03-29",
        "/api/power?meter=021528603314&from=%E0%A4%&to=2026-03-29",
        "/api/power?meter=021528603314&from=99999999999999999999&to=2026-03-29",
        "/api/energy?meter=021528603314&from=2026-03-28&to=2026-03-29",
        "/api/energy?meter=021528603314&from=2026-03-28&to=2026-03-29&step=week",
        "/api/energy?meter=021528603314&from=2010-01-01&to=2026-03-29&step=hour",
        "/api/energy?from=2026-03-28&to=2026-03-29&step=day",
        "/api/readings.csv?meter=021528603314&from=2025-01-01&to=2026-03-29",
        "/api/readings.csv?meter=021528603314&from=2026-03-28",
        "/api/phases?from=2026-03-28&to=2026-03-29",
        "/api/phases?meter=021528603314&from=2026-03-28",
        "/api/phases?meter=021528603314&from=2026-03-28&to=2026-03-29&points=1",
        "/api/phases?meter=021528603314&from=2026-03-28&to=2026-03-29&tz=Nowhere/Land",
        "/api/summary",
        "/api/summary?meter=02152860331%2F",
        "/api/summary?meter=021528603314&tz=Mars/Olympus",
        "/api/summary?meter=021528603314&now=tomorrow",
    })
    void badOrMissingParametersGive400WithAJsonMessage(String pathAndQuery) throws Exception {
        String response = rawGet(pathAndQuery);
        assertThat(response).as(response).startsWith("HTTP/1.1 400 ");
        String[] headAndBody = response.split("\r\n\r\n", 2);
        assertThat(headAndBody[0]).containsIgnoringCase("Content-Type: application/json");
        assertThat(JSON.readTree(headAndBody[1]).get("error").asText()).isNotBlank();
    }

    @Test
    void thePageAndHighchartsAreServed() throws Exception {
        HttpResponse<String> page = server.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("app.js");
        assertThat(server.get("/index.html").body()).isEqualTo(page.body());
        for (String path : List.of("/app.js", "/app.css", "/vendor/highcharts/highcharts.js",
                "/vendor/highcharts/highcharts-more.js", "/vendor/highcharts/modules/stock.js")) {
            assertThat(server.get(path).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(server.get("/vendor/highcharts/highcharts.js").body()).contains("Highcharts JS v11.2.0");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/application.properties", "/../pom.xml", "/web/../sql", "/web/index.html",
        "/sql/queries/web-meters.sql", "/vendor/highcharts/../../application.properties", "/%2e%2e/pom.xml",
        "/vendor/highcharts/", "/vendor/highcharts/highcharts.js.map", "/app.js/../../pom.xml", "/api/",
        "/api/unknown", "/teleinfo/web/EnergyQuery.class", "/index.html%00.js", "/logback.xml"})
    void onlyTheListedFilesAreServed(String path) throws Exception {
        String response = rawGet(path);
        String status = response.substring(0, response.indexOf("\r\n"));
        assertThat(status).as(path).matches("HTTP/1\\.1 (400|404) .*");
        assertThat(response).doesNotContain("<project", "web.prices", "SELECT", "<configuration");
    }

    @Test
    void onlyGetIsAllowed() throws Exception {
        String response = rawRequest("POST /api/meters HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close"
                + "\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 405");
    }

    /** A request line sent as is: no client-side normalisation of the path. */
    private String rawGet(String path) throws Exception {
        return rawRequest("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    private String rawRequest(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
