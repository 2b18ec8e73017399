package teleinfo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The check the ingestion route makes where the store is reached, whatever handlers ran (or not) before it. */
class IngestionRequestCheckTest {
    private final IngestionRequestCheck check = new IngestionRequestCheck(TokenCheck.of("secret"), 1000);

    private Exchange exchange(String uri, String method, String authorization, String contentType) {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        e.getIn().setHeader(Exchange.HTTP_URI, uri);
        e.getIn().setHeader(Exchange.HTTP_METHOD, method);
        e.getIn().setHeader("Authorization", authorization);
        e.getIn().setHeader(Exchange.CONTENT_TYPE, contentType);
        return e;
    }

    private int refusal(Exchange e) {
        try {
            check.process(e);
            return 0;
        } catch (ApiException refused) {
            return refused.status();
        }
    }

    @Test
    void refusesInTheRouteWhatTheGuardRefuses() {
        assertThat(refusal(exchange("/api/readings", "POST", "Bearer secret", "application/json"))).isZero();
        for (String path : new String[] {"/api/readings/", "/API/readings", "/Api/Readings", "/api/readings/.", null}) {
            assertThat(refusal(exchange(path, "POST", "Bearer secret", "application/json"))).as(path).isEqualTo(404);
        }
        assertThat(refusal(exchange("/api/readings", "PUT", "Bearer secret", "application/json"))).isEqualTo(405);
        assertThat(refusal(exchange("/api/readings", "POST", null, "application/json"))).isEqualTo(401);
        assertThat(refusal(exchange("/api/readings", "POST", "Bearer wrong", "application/json"))).isEqualTo(401);
        assertThat(refusal(exchange("/api/readings", "POST", "Bearer secret", "text/plain"))).isEqualTo(415);
        Exchange big = exchange("/api/readings", "POST", "Bearer secret", "application/json");
        big.getIn().setHeader(Exchange.CONTENT_LENGTH, "1001");
        assertThat(refusal(big)).isEqualTo(413);
    }

    @Test
    void theTokenGoesNoFurther() throws Exception {
        Exchange e = exchange("/api/readings", "POST", "Bearer secret", "application/json");
        check.process(e);
        assertThat(e.getIn().getHeader("Authorization")).isNull();
        Exchange refused = exchange("/api/readings", "POST", "Bearer wrong", "application/json");
        assertThatThrownBy(() -> check.process(refused)).isInstanceOf(ApiException.class);
        assertThat(refused.getIn().getHeader("Authorization")).isNull();
    }
}
