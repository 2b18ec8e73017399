package teleinfo.collector;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Map;

import javax.net.ssl.HostnameVerifier;

import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.hc.client5.http.cookie.CookieSpecFactory;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.socket.ConnectionSocketFactory;
import org.apache.hc.client5.http.socket.PlainConnectionSocketFactory;
import org.apache.hc.core5.http.config.Registry;
import org.apache.hc.core5.http.config.RegistryBuilder;

/**
 * camel-http for the upload, without what the collector never uses and a Pi pays for in memory: cookies (HttpClient
 * loads the public suffix list, ~10,000 rules, for its cookie rules even when cookie management is off) and, when
 * the server URL is plain {@code http}, TLS (Camel creates the default SSL context for {@code https}, which parses
 * the JDK's ~140 trusted certificates). Redirects are not followed, so a plain-http upload never needs TLS.
 */
public final class UploadHttpComponent extends HttpComponent {
    private final boolean tls;

    public UploadHttpComponent(boolean tls) {
        this.tls = tls;
        setCookieManagementDisabled(true);
    }

    @Override
    protected Registry<ConnectionSocketFactory> createConnectionRegistry(HostnameVerifier hostnameVerifier,
            SSLContextParameters sslContextParameters, boolean useSystemProperties)
            throws GeneralSecurityException, IOException {
        if (tls) {
            return super.createConnectionRegistry(hostnameVerifier, sslContextParameters, useSystemProperties);
        }
        return RegistryBuilder.<ConnectionSocketFactory>create()
                .register("http", PlainConnectionSocketFactory.getSocketFactory()).build();
    }

    @Override
    protected HttpClientBuilder createHttpClientBuilder(String uri, Map<String, Object> parameters,
            Map<String, Object> httpClientOptions) {
        return super.createHttpClientBuilder(uri, parameters, httpClientOptions)
                .setDefaultCookieSpecRegistry(RegistryBuilder.<CookieSpecFactory>create().build());
    }
}
