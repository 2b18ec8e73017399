package teleinfo.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.UnknownHostException;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.socket.ConnectionSocketFactory;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory;
import org.apache.hc.core5.http.config.Registry;
import org.junit.jupiter.api.Test;

import teleinfo.testsupport.IngestionServer;

/** TLS is left out only for a plain-http server URL; cookies are never handled. */
class UploadHttpComponentTest {

    @Test
    void tlsOnlyForHttps() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            UploadHttpComponent plain = new UploadHttpComponent(false, false);
            plain.setCamelContext(context);
            Registry<ConnectionSocketFactory> r = plain.createConnectionRegistry(null, null, false);
            assertThat(r.lookup("http")).isNotNull();
            assertThat(r.lookup("https")).isNull();
            assertThat(plain.plainHttpResolver()).isInstanceOf(ClearTextDestination.PrivateOnly.class);
            assertThat(plain.isCookieManagementDisabled()).isTrue();

            UploadHttpComponent tls = new UploadHttpComponent(true, false);
            tls.setCamelContext(context);
            assertThat(tls.createConnectionRegistry(null, null, false).lookup("https"))
                    .isInstanceOf(SSLConnectionSocketFactory.class);

            assertThat(tls.plainHttpResolver()).isNull();
            assertThat(new UploadHttpComponent(false, true).plainHttpResolver()).isNull();
        }
    }

    /** Refused before connecting: literal addresses, nothing is looked up or sent. */
    @Test
    void nameResolutionRefusesAnAddressOutsideThePrivateNetwork() throws Exception {
        assertThatThrownBy(() -> new ClearTextDestination.PrivateOnly().resolve("192.0.2.10"))
                .isInstanceOf(UnknownHostException.class)
                .hasMessage("not sending the token in clear to 192.0.2.10 (192.0.2.10), an address outside this "
                        + "machine and its private network: use https://, or set TELEINFO_ALLOW_INSECURE_HTTP=true");
        assertThat(new ClearTextDestination.PrivateOnly().resolve("192.168.1.10")).hasSize(1);
    }

    /**
     * The guard is on the path the upload really takes: with a notion of "private" that leaves out the loopback
     * address, a POST to a real server on 127.0.0.1 fails before the server sees anything.
     */
    @Test
    void theUploadClientGoesThroughTheGuard() throws Exception {
        try (IngestionServer server = new IngestionServer(0); DefaultCamelContext context = new DefaultCamelContext()) {
            context.addComponent("http", new UploadHttpComponent(false,
                    new ClearTextDestination.PrivateOnly(address -> !address.isLoopbackAddress())));
            context.getComponent("http", UploadHttpComponent.class).setAutomaticRetriesDisabled(true);
            context.start();
            String url = "http://127.0.0.1:" + server.port() + "/api/readings";
            assertThatThrownBy(() -> context.createProducerTemplate().requestBodyAndHeader(url, "[]",
                    "Authorization", "Bearer t0ken"))
                    .hasRootCauseInstanceOf(UnknownHostException.class)
                    .rootCause().hasMessageStartingWith("not sending the token in clear to 127.0.0.1 (127.0.0.1)");
            assertThat(server.requests()).isEmpty();
        }
    }
}
