package teleinfo.collector;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Map;

import javax.net.ssl.HostnameVerifier;

import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.cookie.CookieSpecFactory;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.socket.ConnectionSocketFactory;
import org.apache.hc.client5.http.socket.PlainConnectionSocketFactory;
import org.apache.hc.core5.http.config.Registry;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;

/**
 * camel-http for the upload, without what the collector never uses and a Pi pays for in memory: cookies (HttpClient
 * loads the public suffix list, ~10,000 rules, for its cookie rules even when cookie management is off) and, when
 * the server URL is plain {@code http}, TLS (Camel creates the default SSL context for {@code https}, which parses
 * the JDK's ~140 trusted certificates). Redirects are not followed, so a plain-http upload never needs TLS.
 */
public final class UploadHttpComponent extends HttpComponent {
    private final boolean tls;
    /** Resolves the server's name for plain http, refusing public addresses; null: the default resolution. */
    private final DnsResolver plainHttpResolver;

    /**
     * @param tls the server URL is https
     * @param clearTextAnywhere plain http may go to any address; otherwise only to this machine or a private network
     *        (see {@link ClearTextDestination})
     */
    public UploadHttpComponent(boolean tls, boolean clearTextAnywhere) {
        this(tls, tls || clearTextAnywhere ? null : new ClearTextDestination.PrivateOnly());
    }

    UploadHttpComponent(boolean tls, DnsResolver plainHttpResolver) {
        this.tls = tls;
        this.plainHttpResolver = plainHttpResolver;
        setCookieManagementDisabled(true);
    }

    DnsResolver plainHttpResolver() {
        return plainHttpResolver;
    }

    /** camel-http's pool (same policy, time to live and limits), with the resolver that refuses public addresses. */
    @Override
    protected HttpClientConnectionManager createConnectionManager(Registry<ConnectionSocketFactory> registry,
            int maxTotalConnections, int connectionsPerRoute, SocketConfig defaultSocketConfig) {
        if (plainHttpResolver == null) {
            return super.createConnectionManager(registry, maxTotalConnections, connectionsPerRoute,
                    defaultSocketConfig);
        }
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager(registry,
                PoolConcurrencyPolicy.STRICT, PoolReusePolicy.LIFO, TimeValue.ofMilliseconds(getConnectionTimeToLive()),
                null, plainHttpResolver, null);
        pool.setMaxTotal(maxTotalConnections > 0 ? maxTotalConnections : getMaxTotalConnections());
        pool.setDefaultMaxPerRoute(connectionsPerRoute > 0 ? connectionsPerRoute : getConnectionsPerRoute());
        pool.setDefaultSocketConfig(defaultSocketConfig);
        return pool;
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
