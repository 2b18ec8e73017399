package teleinfo.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import teleinfo.storage.Database;
import teleinfo.testsupport.TestDatabases;

/**
 * The shipped Tarif Bleu file on a real price change (H2): the HP/HC prices and the 6 kVA subscription of 1 February
 * 2025 (délibération n°2025-25) give way to those of 1 August 2025 (n°2025-155) at midnight Paris time, so the UTC day
 * of 31 July 2025 pays 22 hours at the old prices and 2 at the new ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShippedPricesApiTest {
    // the published figures of the two movements (TTC): HP, HC in €/kWh, the 6 kVA subscription in € per month
    static final double HP_FEB = 0.2146;
    static final double HC_FEB = 0.1696;
    static final double SUB_FEB = 14.04;
    static final double HP_AUG = 0.2081;
    static final double HC_AUG = 0.1635;
    static final double SUB_AUG = 15.74;

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant DAY = Instant.parse("2025-07-31T00:00:00Z");
    static final Instant CHANGE = LocalDate.of(2025, 8, 1).atStartOfDay(SeededReadings.PARIS).toInstant();

    private HikariDataSource dataSource;
    private WebServer server;
    private SeededReadings seeded;

    @BeforeAll
    void start() throws Exception {
        dataSource = Database.pool(TestDatabases.newH2Database(), null, null, 4);
        Database.migrate(dataSource);
        seeded = new SeededReadings(DAY.minusSeconds(86_400), DAY.plusSeconds(2 * 86_400));
        seeded.insertInto(dataSource);
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE reading SET subscribed_va = 6000");
        }
        server = new WebServer(dataSource, Map.of()); // application.properties: no price setting, the shipped file
    }

    @AfterAll
    void stop() {
        server.close();
        dataSource.close();
    }

    @Test
    void aDayAcrossThe1August2025MovementPaysEachPriceForItsPart() throws Exception {
        HttpResponse<String> response = server.get("/api/energy?meter=" + SeededReadings.METER
                + "&from=2025-07-31&to=2025-08-01&step=day&tz=UTC");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode energy = JSON.readTree(response.body());
        JsonNode bucket = energy.get("buckets").get(0);
        assertThat(bucket.get("t").asLong()).isEqualTo(DAY.toEpochMilli());
        assertThat(CHANGE).isEqualTo(DAY.plusSeconds(22 * 3600)); // midnight in Paris is 22:00 UTC in summer

        double expected = 0;
        double kWhBefore = 0;
        double kWhAfter = 0;
        for (SeededReadings.Minute m : seeded.minutes) {
            if (m.t() >= DAY.getEpochSecond() && m.t() < DAY.getEpochSecond() + 86_400) {
                boolean after = m.t() >= CHANGE.getEpochSecond();
                boolean hc = m.period().equals("HC");
                double kWh = (hc ? SeededReadings.HC_WH_PER_MINUTE : SeededReadings.HP_WH_PER_MINUTE) / 1000.0;
                expected += kWh * (hc ? (after ? HC_AUG : HC_FEB) : (after ? HP_AUG : HP_FEB));
                if (after) {
                    kWhAfter += kWh;
                } else {
                    kWhBefore += kWh;
                }
            }
        }
        assertThat(kWhBefore).isGreaterThan(0);
        assertThat(kWhAfter).as("the two hours after the change have energy").isGreaterThan(0);
        // July has 744 hours in UTC: 22 of them at the February subscription, 2 at the August one
        double subscription = 22 * SUB_FEB / 744 + 2 * SUB_AUG / 744;
        assertThat(bucket.get("subscription").asDouble()).isCloseTo(subscription, within(1e-4));
        assertThat(bucket.get("cost").asDouble()).isCloseTo(expected + subscription, within(1e-4));
        // with either movement's prices alone the day would cost something else
        double allFeb = costAtOnePrice(HC_FEB, HP_FEB) + 24 * SUB_FEB / 744;
        double allAug = costAtOnePrice(HC_AUG, HP_AUG) + 24 * SUB_AUG / 744;
        assertThat(Math.abs(bucket.get("cost").asDouble() - allFeb)).isGreaterThan(0.0005);
        assertThat(Math.abs(bucket.get("cost").asDouble() - allAug)).isGreaterThan(0.0005);
        assertThat(energy.get("prices").get("HP").asDouble()).isEqualTo(HP_AUG);
        assertThat(energy.get("subscriptionPerMonth").asDouble()).isEqualTo(SUB_AUG);
    }

    private double costAtOnePrice(double hcPrice, double hpPrice) {
        double cost = 0;
        for (SeededReadings.Minute m : seeded.minutes) {
            if (m.t() >= DAY.getEpochSecond() && m.t() < DAY.getEpochSecond() + 86_400) {
                boolean hc = m.period().equals("HC");
                cost += (hc ? SeededReadings.HC_WH_PER_MINUTE * hcPrice : SeededReadings.HP_WH_PER_MINUTE * hpPrice)
                        / 1000.0;
            }
        }
        return cost;
    }
}
