package teleinfo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import routes.server.JsonApiErrors;
import routes.web.DataApiRoute;
import routes.web.WebPageRoute;

import teleinfo.server.HourRollUp;
import teleinfo.testsupport.FreePort;

/** The web routes on a real Jetty at a free port of 127.0.0.1, over a given database. */
final class WebServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CamelContext camel = new DefaultCamelContext();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final int port;

    /** With the given web settings or, when there are none, those of application.properties. */
    WebServer(DataSource dataSource, Map<String, String> settings) throws Exception {
        port = FreePort.find();
        Properties properties = new Properties();
        properties.putAll(settings);
        camel.getPropertiesComponent().setInitialProperties(properties);
        Properties overrides = new Properties();
        overrides.setProperty("http.port", String.valueOf(port));
        camel.getPropertiesComponent().setOverrideProperties(overrides);
        if (settings.isEmpty()) {
            camel.getPropertiesComponent().setLocation("classpath:application.properties");
        }
        camel.getRegistry().bind("dataSource", dataSource);
        camel.getRegistry().bind("hourRollUp", new HourRollUp(dataSource)); // as ServerConfiguration does
        new WebConfiguration().configure(camel);
        camel.addRoutes(new JsonApiErrors());
        camel.addRoutes(new WebPageRoute());
        camel.addRoutes(new DataApiRoute());
        camel.start();
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port + pathAndQuery;
    }

    /** A GET of the data API that must answer 200 with JSON: the answer parsed. */
    JsonNode getJson(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode()).as(pathAndQuery + " → " + response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(pathAndQuery)))
                .timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        camel.stop();
    }
}
