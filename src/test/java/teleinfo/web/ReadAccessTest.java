package teleinfo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import teleinfo.storage.Database;
import teleinfo.testsupport.TestDatabases;

/** Read protection switched on by configuration: a token and basic auth, on the page and on the API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadAccessTest {
    private HikariDataSource dataSource;
    private WebServer server;

    @BeforeAll
    void start() throws Exception {
        dataSource = Database.pool(TestDatabases.newH2Database(), null, null, 2);
        Database.migrate(dataSource);
        server = new WebServer(dataSource, Map.of("web.auth.token", "s3cret-token", "web.auth.user", "anne",
                "web.auth.password", "pâté:42"));
    }

    @AfterAll
    void stop() {
        server.close();
        dataSource.close();
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/app.js", "/vendor/highcharts/highcharts.js", "/api/meters",
        "/api/power?meter=1&from=0&to=1000", "/api/readings.csv?meter=1&from=0&to=1000"})
    void withoutCredentialsEverythingIsRefusedAndTheBrowserIsAskedForThem(String path) throws Exception {
        HttpResponse<String> response = server.get(path);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic realm=");
        assertThat(response.body()).contains("authentication required");
    }

    @Test
    void wrongCredentialsAreRefused() throws Exception {
        assertThat(server.get("/api/meters", "Authorization", "Bearer s3cret-tok3n").statusCode()).isEqualTo(401);
        assertThat(server.get("/api/meters", "Authorization", basic("anne:pâté:43")).statusCode()).isEqualTo(401);
        assertThat(server.get("/api/meters", "Authorization", basic("bob:pâté:42")).statusCode()).isEqualTo(401);
    }

    @Test
    void theTokenOrTheUserAndPasswordGiveAccess() throws Exception {
        assertThat(server.get("/api/meters", "Authorization", "Bearer s3cret-token").statusCode()).isEqualTo(200);
        assertThat(server.get("/api/meters", "Authorization", basic("anne:pâté:42")).body())
                .isEqualTo("{\"meters\":[]}");
        assertThat(server.get("/", "Authorization", basic("anne:pâté:42")).statusCode()).isEqualTo(200);
    }
}
