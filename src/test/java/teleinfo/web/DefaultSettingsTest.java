package teleinfo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import teleinfo.storage.Database;
import teleinfo.testsupport.TestDatabases;

/** The web section of application.properties as shipped: open access, no prices (empty values must not break). */
class DefaultSettingsTest {
    @Test
    void shippedSettingsGiveOpenAccessAndNoCost() throws Exception {
        try (HikariDataSource dataSource = Database.pool(TestDatabases.newH2Database(), null, null, 2)) {
            Database.migrate(dataSource);
            try (WebServer server = new WebServer(dataSource, Map.of())) {
                assertThat(server.get("/api/meters").statusCode()).isEqualTo(200);
                JsonNode energy = new ObjectMapper().readTree(server.get(
                        "/api/energy?meter=1&from=2026-01-01&to=2026-01-02&step=hour").body());
                assertThat(energy.get("prices").isNull()).isTrue();
                assertThat(energy.get("cost").isNull()).isTrue();
                assertThat(energy.get("buckets")).hasSize(24);
            }
        }
    }
}
