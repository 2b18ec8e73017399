package teleinfo.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import teleinfo.demo.DemoHistory;
import teleinfo.protocol.TicMode;
import teleinfo.reading.Reading;
import teleinfo.simulator.MeterSimulator;
import teleinfo.storage.Database;
import teleinfo.testsupport.TestDatabases;

/**
 * What the page asks of the API beyond power and energy (issue 12), on H2: period names, dated prices (a bucket that
 * spans a price change pays each price for its part), injected energy, per-phase series, the Tempo day, the tiles'
 * summary, and day buckets of a zone with a half-hour offset. Seeded two ways: plain rows with figures simple enough
 * to compute by hand ({@link SeededReadings}), and simulated meters through the collector's and the server's classes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageApiTest {
    static final ZoneId PARIS = SeededReadings.PARIS;
    static final Instant SEED_FROM = LocalDate.of(2026, 3, 27).atStartOfDay(PARIS).toInstant();
    static final Instant SEED_TO = LocalDate.of(2026, 3, 31).atStartOfDay(PARIS).toInstant();
    static final String M = SeededReadings.METER;
    static final String PRODUCER = "041876097452";
    static final String TEMPO = "021861348497";
    /** The simulated meters' day: a weekday of March, so Tempo may be any colour. */
    static final Instant SIM_FROM = Instant.parse("2026-03-04T00:00:00Z");
    static final Instant SIM_TO = Instant.parse("2026-03-05T13:00:00Z"); // after noon: DEMAIN known

    private HikariDataSource dataSource;
    private WebServer server;
    private SeededReadings seeded;
    private List<Reading> producerReadings;
    private List<Reading> tempoReadings;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        dataSource = Database.pool(TestDatabases.newH2Database(), null, null, 4);
        Database.migrate(dataSource);
        seeded = new SeededReadings(SEED_FROM, SEED_TO);
        seeded.insertInto(dataSource);
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE reading SET subscribed_va = 6000 WHERE meter = '" + M + "'");
        }
        producerReadings = DemoHistory.readings(new MeterSimulator(new MeterSimulator.Config(TicMode.STANDARD, true,
                PRODUCER, 12, 7, MeterSimulator.Tariff.HPHC, true)), SIM_FROM, SIM_TO);
        tempoReadings = DemoHistory.readings(new MeterSimulator(new MeterSimulator.Config(TicMode.HISTORIC, false,
                TEMPO, 9, 8, MeterSimulator.Tariff.TEMPO, false)), SIM_FROM, SIM_TO);
        DemoHistory.store(dataSource, producerReadings);
        DemoHistory.store(dataSource, tempoReadings);
        // prices that change at midnight (Paris) between 28 and 29 March 2026, subscription by power
        Path prices = dir.resolve("prices.csv");
        Files.writeString(prices, String.join("\n",
                "# test prices",
                "energy;HPHC;HC;2026-03-01;0.10;test",
                "energy;HPHC;HP;2026-03-01;0.30;test",
                "energy;HPHC;HC;2026-03-29;0.20;test",
                "energy;HPHC;HP;2026-03-29;0.40;test",
                "subscription;HPHC;6;2026-03-01;10.00;test",
                "subscription;HPHC;6;2026-03-29;20.00;test"));
        server = new WebServer(dataSource, Map.of("web.prices.file", prices.toString(),
                "web.meter.names", PRODUCER + ":Garage," + M + ":Maison", "web.period.names", TEMPO + "/HPJR:Rouge!"));
    }

    @AfterAll
    void stop() {
        server.close();
        dataSource.close();
    }

    JsonNode meter(String id) throws Exception {
        for (JsonNode m : server.getJson("/api/meters").get("meters")) {
            if (m.get("meter").asText().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("no meter " + id);
    }

    @Test
    void periodsAreNamedAsTheMeterSaysAndAsTheUserRenamedThem() throws Exception {
        JsonNode energy = server.getJson("/api/energy?meter=" + M + "&from=2026-03-28&to=2026-03-29&step=day");
        assertThat(energy.get("periods")).extracting(JsonNode::asText).containsExactly("HC", "HP");
        assertThat(energy.get("names").get("HC").asText()).isEqualTo("Heures creuses");
        assertThat(energy.get("names").get("HP").asText()).isEqualTo("Heures pleines");
        // standard mode: LTARF as sent (" HEURES CREUSES ") for index T1
        JsonNode producer = server.getJson("/api/energy?meter=" + PRODUCER + "&from=" + SIM_FROM.toEpochMilli() + "&to="
                + SIM_TO.toEpochMilli() + "&step=day&tz=UTC");
        assertThat(producer.get("names").get("T1").asText()).isEqualTo("Heures creuses");
        assertThat(producer.get("names").get("T2").asText()).isEqualTo("Heures pleines");
        JsonNode power = server.getJson("/api/power?meter=" + TEMPO + "&from=" + SIM_FROM.toEpochMilli() + "&to="
                + SIM_TO.toEpochMilli() + "&points=100");
        for (JsonNode interval : power.get("periods")) {
            String period = interval.get("period").asText();
            String expected = period.equals("HPJR") ? "Rouge!" : "Tempo " + Map.of("JB", "bleu", "JW", "blanc", "JR",
                    "rouge").get(period.substring(2)) + " " + period.substring(0, 2);
            assertThat(power.get("names").get(period).asText()).isEqualTo(expected);
        }
        JsonNode meters = server.getJson("/api/meters").get("meters");
        assertThat(meters).extracting(m -> m.get("meter").asText()).containsExactly(M, TEMPO, PRODUCER);
        assertThat(meter(PRODUCER).get("name").asText()).isEqualTo("Garage");
        assertThat(meter(TEMPO).get("name").isNull()).isTrue();
        assertThat(meter(M).get("names").get("HC").asText()).isEqualTo("Heures creuses");
    }

    @Test
    void aBucketThatSpansAPriceChangePaysEachPriceForItsPart() throws Exception {
        // the UTC day of 28 March holds 23 hours before midnight in Paris (old prices) and one after (new prices)
        Instant dayStart = Instant.parse("2026-03-28T00:00:00Z");
        Instant change = LocalDate.of(2026, 3, 29).atStartOfDay(PARIS).toInstant();
        JsonNode energy = server.getJson("/api/energy?meter=" + M + "&from=2026-03-28&to=2026-03-29&step=day&tz=UTC");
        JsonNode bucket = energy.get("buckets").get(0);
        assertThat(bucket.get("t").asLong()).isEqualTo(dayStart.toEpochMilli());
        double expected = 0;
        for (SeededReadings.Minute m : seeded.minutes) {
            if (m.t() >= dayStart.getEpochSecond() && m.t() < dayStart.getEpochSecond() + 86_400) {
                boolean after = m.t() >= change.getEpochSecond();
                double kWh = (m.period().equals("HC") ? SeededReadings.HC_WH_PER_MINUTE
                        : SeededReadings.HP_WH_PER_MINUTE) / 1000.0;
                expected += kWh * (m.period().equals("HC") ? (after ? 0.20 : 0.10) : (after ? 0.40 : 0.30));
            }
        }
        // the subscription of 6 kVA: 23 hours at 10 €/month and one at 20 €/month, March in UTC being 744 hours
        double subscription = 23 * 10.0 / 744 + 1 * 20.0 / 744;
        assertThat(bucket.get("subscription").asDouble()).isCloseTo(subscription, within(1e-4));
        assertThat(bucket.get("cost").asDouble()).isCloseTo(expected + subscription, within(1e-4));
        // priced with either price alone, the figure would differ by more than a cent
        assertThat(Math.abs(expected - bucket.get("total").asDouble() * 0.3)).isGreaterThan(0.01);
        assertThat(energy.get("prices").get("HC").asDouble()).isEqualTo(0.20);
    }

    @Test
    void theProducersInjectedEnergyIsItsInjectionRegisterAndNetIsConsumedMinusInjected() throws Exception {
        JsonNode energy = server.getJson("/api/energy?meter=" + PRODUCER + "&from=" + SIM_FROM.toEpochMilli() + "&to="
                + SIM_TO.toEpochMilli() + "&step=hour&tz=UTC");
        // the first hour has no earlier value to subtract from: from the end of the first hour to the last reading
        long endOfFirstHour = producerReadings.stream().filter(r -> r.time().isBefore(SIM_FROM.plusSeconds(3600)))
                .mapToLong(r -> r.registers().get("EAIT")).max().orElseThrow();
        long last = producerReadings.get(producerReadings.size() - 1).registers().get("EAIT");
        assertThat(energy.get("injected").asDouble()).isCloseTo((last - endOfFirstHour) / 1000.0, within(1e-9));
        assertThat(energy.get("injected").asDouble()).as("a sunny March day").isGreaterThan(1);
        for (JsonNode b : energy.get("buckets")) {
            assertThat(b.get("net").asDouble()).isCloseTo(b.get("total").asDouble() - b.get("injected").asDouble(),
                    within(1e-6));
        }
        long noon = Instant.parse("2026-03-04T12:30:00Z").toEpochMilli();
        JsonNode power = server.getJson("/api/power?meter=" + PRODUCER + "&from=" + (noon - 1_800_000) + "&to="
                + (noon + 1_800_000) + "&points=2000");
        assertThat(power.get("step").asLong()).isEqualTo(60);
        assertThat(power.get("injection")).hasSize(60);
        JsonNode atNoon = null;
        for (JsonNode p : power.get("injection")) {
            if (p.get(0).asLong() == noon) {
                atNoon = p;
            }
        }
        Reading reading = producerReadings.stream().filter(r -> r.time().toEpochMilli() == noon).findFirst()
                .orElseThrow();
        assertThat(atNoon.get(1).asInt()).isEqualTo(reading.injection().avg());
        JsonNode meter = meter(PRODUCER);
        assertThat(meter.get("producer").asBoolean()).isTrue();
        assertThat(meter.get("phases").asInt()).isEqualTo(3);
        // a meter without injection has none
        assertThat(server.getJson("/api/power?meter=" + TEMPO + "&from=" + SIM_FROM.toEpochMilli() + "&to="
                + SIM_TO.toEpochMilli()).get("injection")).isEmpty();
    }

    @Test
    void thePhasesOfAThreePhaseMeterAreItsMinuteAveragesPerBucket() throws Exception {
        JsonNode phases = server.getJson("/api/phases?meter=" + PRODUCER + "&from=" + SIM_FROM.toEpochMilli() + "&to="
                + SIM_FROM.plusSeconds(3600).toEpochMilli() + "&points=1000");
        assertThat(phases.get("step").asLong()).isEqualTo(60);
        assertThat(phases.get("points")).hasSize(60);
        for (JsonNode p : phases.get("points")) {
            Reading r = producerReadings.stream().filter(x -> x.time().toEpochMilli() == p.get(0).asLong())
                    .findFirst().orElseThrow();
            for (int i = 0; i < 3; i++) {
                assertThat(p.get(1 + i).asInt()).isEqualTo(r.current().get(i));
                assertThat(p.get(4 + i).asInt()).isEqualTo(r.voltage().get(i));
                assertThat(p.get(7 + i).asInt()).isEqualTo(r.phasePower().get(i));
            }
        }
        JsonNode single = server.getJson("/api/phases?meter=" + TEMPO + "&from=" + SIM_FROM.toEpochMilli() + "&to="
                + SIM_FROM.plusSeconds(3600).toEpochMilli());
        assertThat(single.get("points").get(0).get(2).isNull()).as("no second phase").isTrue();
        assertThat(meter(TEMPO).get("phases").asInt()).isEqualTo(1);
    }

    @Test
    void theTempoDayComesFromThePeriodAndTomorrowFromDemain() throws Exception {
        JsonNode tempo = meter(TEMPO);
        Reading last = tempoReadings.get(tempoReadings.size() - 1);
        MeterSimulator.Colour today = MeterSimulator.tempoColour(last.time().atZone(PARIS).minusHours(6).toLocalDate());
        assertThat(tempo.get("day").get("kind").asText()).isEqualTo("TEMPO");
        assertThat(tempo.get("day").get("today").asText()).isEqualTo(today.name());
        Map<String, String> demain = Map.of("BLEU", "BLUE", "BLAN", "WHITE", "ROUG", "RED");
        assertThat(tempo.get("day").get("tomorrow").asText()).isEqualTo(demain.get(last.tomorrow()));
        // the colour of each day on the energy bars: the Tempo day that starts at 06:00
        JsonNode days = server.getJson("/api/energy?meter=" + TEMPO + "&from=" + SIM_FROM.toEpochMilli() + "&to="
                + SIM_TO.toEpochMilli() + "&step=day");
        JsonNode first = days.get("buckets").get(0);
        assertThat(first.get("colour").asText()).isEqualTo(MeterSimulator.tempoColour(LocalDate.of(2026, 3, 4)).name());
        assertThat(meter(PRODUCER).get("day").isNull()).as("not Tempo").isTrue();
    }

    @Test
    void dayBucketsOfAHalfHourZoneAreFilledWithTheirOwnBoundaries() throws Exception {
        // UTC+03:30 (Tehran's offset): its day of 29 March runs from 20:30 UTC on the 28th to 20:30 UTC, over Paris's
        // short day, so whole hours in place of its own boundaries would swap half an hour of HP for one of HC
        ZoneId tehran = ZoneId.of("+03:30");
        LocalDate day = LocalDate.of(2026, 3, 29);
        long from = day.atStartOfDay(tehran).toEpochSecond();
        long to = day.plusDays(1).atStartOfDay(tehran).toEpochSecond();
        assertThat(from % 3600).isNotZero();
        JsonNode energy = server.getJson("/api/energy?meter=" + M + "&from=2026-03-29&to=2026-03-30&step=day&tz=%2B03:30");
        JsonNode bucket = energy.get("buckets").get(0);
        assertThat(bucket.get("t").asLong()).isEqualTo(from * 1000);
        long hc = 0;
        long hp = 0;
        for (SeededReadings.Minute m : seeded.minutes) {
            if (m.t() >= from && m.t() < to) {
                hc += m.period().equals("HC") ? SeededReadings.HC_WH_PER_MINUTE : 0;
                hp += m.period().equals("HP") ? SeededReadings.HP_WH_PER_MINUTE : 0;
            }
        }
        assertThat(bucket.get("kWh").get("HC").asDouble()).isCloseTo(hc / 1000.0, within(1e-9));
        assertThat(bucket.get("kWh").get("HP").asDouble()).isCloseTo(hp / 1000.0, within(1e-9));
    }

    @Test
    void theSummaryAddsUpTheEnergyApisFigures() throws Exception {
        Instant now = SEED_TO.minusSeconds(60);
        JsonNode summary = server.getJson("/api/summary?meter=" + M + "&now=" + now.toEpochMilli() + "&tz=Europe/Paris");
        JsonNode today = server.getJson("/api/energy?meter=" + M + "&from=2026-03-30&to=" + (now.toEpochMilli() + 1000)
                + "&step=day");
        assertThat(summary.get("today").get("kWh").asDouble()).isEqualTo(today.get("total").asDouble());
        assertThat(summary.get("today").get("cost").asDouble()).isEqualTo(today.get("cost").asDouble());
        JsonNode month = server.getJson("/api/energy?meter=" + M + "&from=2026-03-01&to=" + (now.toEpochMilli() + 1000)
                + "&step=month").get("buckets").get(0);
        assertThat(summary.get("month").get("kWh").asDouble()).isEqualTo(month.get("total").asDouble());
        double elapsed = (double) (now.toEpochMilli() - month.get("t").asLong())
                / (month.get("end").asLong() - month.get("t").asLong());
        double energyCost = month.get("cost").asDouble() - month.get("subscription").asDouble();
        assertThat(summary.get("month").get("cost").asDouble()).isCloseTo(
                energyCost + month.get("subscription").asDouble() * elapsed, within(0.006));
        assertThat(summary.get("projectedMonthCost").asDouble()).isCloseTo(
                energyCost / elapsed + month.get("subscription").asDouble(), within(0.006));
        assertThat(summary.get("year").get("cost").asDouble()).isEqualTo(summary.get("month").get("cost").asDouble());
        // standby: the lowest minute average of each night 00:00-05:00 (27 to 30 March), the median of the four
        List<Integer> nights = new java.util.ArrayList<>();
        for (int d = 27; d <= 30; d++) {
            long night = LocalDate.of(2026, 3, d).atStartOfDay(PARIS).toEpochSecond();
            long end = LocalDate.of(2026, 3, d).atStartOfDay(PARIS).plusHours(5).toEpochSecond();
            nights.add(seeded.minutes.stream().filter(m -> m.t() >= night && m.t() < end)
                    .mapToInt(SeededReadings.Minute::avg).min().orElseThrow());
        }
        java.util.Collections.sort(nights);
        assertThat(summary.get("standbyVa").asInt()).isEqualTo(nights.get(2));
        assertThat(summary.get("subscribedVa").asInt()).isEqualTo(6000);
        assertThat(summary.get("dayMaxVa").asInt()).isEqualTo(seeded.minutes.stream()
                .filter(m -> m.t() >= LocalDate.of(2026, 3, 30).atStartOfDay(PARIS).toEpochSecond())
                .mapToInt(SeededReadings.Minute::max).max().orElseThrow());
    }

    @Test
    void namesAndInjectionAreInTheCsvHeader() throws Exception {
        String header = server.get("/api/readings.csv?meter=" + PRODUCER + "&from=" + SIM_FROM.toEpochMilli()
                + "&to=" + SIM_FROM.plus(1, ChronoUnit.HOURS).toEpochMilli()).body().split("\n")[0];
        assertThat(List.of(header.split(","))).contains("e_easf01 (Heures creuses)", "e_easf02 (Heures pleines)",
                "e_eait (injection)", "phase_power1", "subscribed_va", "status_register");
    }
}
