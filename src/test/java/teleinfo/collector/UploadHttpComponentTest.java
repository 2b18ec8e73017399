package teleinfo.collector;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.socket.ConnectionSocketFactory;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory;
import org.apache.hc.core5.http.config.Registry;
import org.junit.jupiter.api.Test;

/** TLS is left out only for a plain-http server URL; cookies are never handled. */
class UploadHttpComponentTest {

    @Test
    void tlsOnlyForHttps() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            UploadHttpComponent plain = new UploadHttpComponent(false);
            plain.setCamelContext(context);
            Registry<ConnectionSocketFactory> r = plain.createConnectionRegistry(null, null, false);
            assertThat(r.lookup("http")).isNotNull();
            assertThat(r.lookup("https")).isNull();
            assertThat(plain.isCookieManagementDisabled()).isTrue();

            UploadHttpComponent tls = new UploadHttpComponent(true);
            tls.setCamelContext(context);
            assertThat(tls.createConnectionRegistry(null, null, false).lookup("https"))
                    .isInstanceOf(SSLConnectionSocketFactory.class);
        }
    }
}
