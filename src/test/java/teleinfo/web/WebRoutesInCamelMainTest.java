package teleinfo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import teleinfo.server.HourRollUp;
import teleinfo.storage.Database;
import teleinfo.testsupport.FreePort;
import teleinfo.testsupport.TestDatabases;

/**
 * The web routes as the server role starts them: Camel Main with {@link WebConfiguration} and the web RouteBuilders
 * (as application-server.properties lists them), the beans {@code dataSource} and {@code hourRollUp} (as
 * ServerConfiguration binds them), the port in
 * {@code http.port}, the web settings of application.properties.
 */
class WebRoutesInCamelMainTest {
    @Test
    void camelMainFindsTheWebRoutesAndServesThePageAndTheApi() throws Exception {
        int port = FreePort.find();
        try (HikariDataSource dataSource = Database.pool(TestDatabases.newH2Database(), null, null, 2)) {
            Database.migrate(dataSource);
            Main main = new Main();
            main.configure().withConfigurations(WebConfiguration.class.getName()).withRoutesBuilderClasses(
                    "routes.server.JsonApiErrors,routes.web.WebPageRoute,routes.web.DataApiRoute");
            main.bind("dataSource", dataSource);
            main.bind("hourRollUp", new HourRollUp(dataSource));
            main.addOverrideProperty("http.port", String.valueOf(port));
            main.start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> meters = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/meters")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(meters.statusCode()).isEqualTo(200);
                assertThat(meters.body()).isEqualTo("{\"meters\":[]}");
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(page.body()).contains("<script src=\"app.js\"></script>");
                assertThat(main.getCamelContext().getRoutes()).extracting(r -> r.getRouteId())
                        .contains("web-api-meters", "web-api-power", "web-api-energy", "web-api-readings-csv",
                                "web-page-root", "web-page-app-js");
            } finally {
                main.stop();
            }
        }
    }
}
