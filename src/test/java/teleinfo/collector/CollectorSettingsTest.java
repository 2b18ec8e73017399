package teleinfo.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import teleinfo.cli.UsageException;

class CollectorSettingsTest {
    @TempDir
    Path dir;

    private Map<String, String> valid() {
        Map<String, String> m = new HashMap<>();
        m.put("collector.port", "/dev/ttyAMA0");
        m.put("collector.mode", "auto");
        m.put("collector.server.url", "https://server.example:8443/api/readings");
        m.put("collector.server.allowInsecureHttp", "false");
        m.put("collector.server.token", "t0ken");
        m.put("collector.spool.dir", dir.resolve("spool").toString());
        m.put("collector.upload.connectTimeout", "5s");
        m.put("collector.upload.responseTimeout", "30000");
        m.put("collector.upload.batchSize", "500");
        m.put("collector.upload.retryInitial", "5s");
        m.put("collector.upload.retryMax", "5m");
        m.put("collector.upload.interval", "5s");
        m.put("collector.minute.timeout", "70s");
        m.put("collector.tic.noFrameTimeout", "30s");
        m.put("collector.tic.autoSwitchAfter", "10s");
        m.put("collector.tic.reopenDelay", "1s");
        m.put("collector.tic.maxReopenDelay", "30s");
        m.put("collector.tic.lenient", "false");
        m.put("collector.plausibility.margin", "1.5");
        m.put("collector.health.host", "127.0.0.1");
        m.put("collector.health.port", "0");
        return m;
    }

    private static CollectorSettings parse(Map<String, String> m) {
        return CollectorSettings.parse(key -> Optional.ofNullable(m.get(key)));
    }

    @Test
    void readsValidSettingsWithoutShowingTheToken() {
        CollectorSettings s = parse(valid());
        assertThat(s.responseTimeout().toMillis()).isEqualTo(30_000);
        assertThat(s.retryMax().toMinutes()).isEqualTo(5);
        assertThat(s.toString()).doesNotContain("t0ken");
    }

    @Test
    void lenientIsTrueOrFalse() {
        Map<String, String> m = valid();
        m.put("collector.tic.lenient", "yes");
        assertThatThrownBy(() -> parse(m)).isInstanceOf(UsageException.class)
                .hasMessageContaining("collector.tic.lenient (TELEINFO_LENIENT)").hasMessageContaining("true or false");
    }

    @Test
    void aMissingSettingNamesItsVariable() {
        Map<String, String> m = valid();
        m.remove("collector.server.token");
        assertThatThrownBy(() -> parse(m)).isInstanceOf(UsageException.class)
                .hasMessage("missing setting collector.server.token: set the environment variable TELEINFO_TOKEN");
    }

    @Test
    void invalidSettingsAreNamed() {
        Map<String, String> bad = Map.of(
                "collector.mode", "fast",
                "collector.server.url", "ftp://server/api",
                "collector.upload.batchSize", "0",
                "collector.upload.connectTimeout", "soon",
                "collector.plausibility.margin", "0.5");
        bad.forEach((key, value) -> {
            Map<String, String> m = valid();
            m.put(key, value);
            assertThatThrownBy(() -> parse(m)).as(key).isInstanceOf(UsageException.class)
                    .hasMessageStartingWith("invalid setting " + key + " (TELEINFO_");
        });
        Map<String, String> urlWithToken = valid();
        urlWithToken.put("collector.server.url", "http://server/api/readings?token=abc");
        assertThatThrownBy(() -> parse(urlWithToken)).hasMessageContaining("no query");
    }

    private static CollectorSettings withUrl(Map<String, String> m, String url) {
        m.put("collector.server.url", url);
        return parse(m);
    }

    /** Literal addresses only: nothing here is looked up, nothing is connected to. */
    @Test
    void plainHttpGoesOnlyToThisMachineOrAPrivateNetwork() {
        for (String url : new String[] {"http://127.0.0.1:8080/api/readings", "http://10.1.2.3/api/readings",
                "http://172.16.0.5/api/readings", "http://172.31.255.1/api/readings", "http://192.168.1.10/api",
                "http://169.254.1.1/api", "http://[::1]:8080/api", "http://[fd12:3456::1]/api",
                "http://[fe80::1]/api", "https://192.0.2.10/api/readings", "https://[2001:db8::1]/api"}) {
            assertThat(withUrl(valid(), url).serverUrl()).as(url).hasToString(url);
        }
        for (String url : new String[] {"http://192.0.2.10/api/readings", "http://172.32.0.1/api",
                "http://8.8.8.8:8080/api", "http://[2001:db8::1]/api", "http://[::ffff:192.0.2.10]/api"}) {
            assertThatThrownBy(() -> withUrl(valid(), url)).as(url).isInstanceOf(UsageException.class)
                    .hasMessageStartingWith("invalid setting collector.server.url (TELEINFO_SERVER_URL) = '" + url)
                    .hasMessageContaining("the token would travel in clear to ")
                    .hasMessageContaining("TELEINFO_ALLOW_INSECURE_HTTP=true");
        }
        assertThatThrownBy(() -> withUrl(valid(), "http://192.0.2.10/api/readings"))
                .hasMessage("invalid setting collector.server.url (TELEINFO_SERVER_URL) = "
                        + "'http://192.0.2.10/api/readings': expected https://, or http:// to this machine or a private "
                        + "network: the token would travel in clear to 192.0.2.10 (set TELEINFO_ALLOW_INSECURE_HTTP=true"
                        + " to allow it)");
    }

    @Test
    void plainHttpToAnyAddressWhenExplicitlyAllowed() {
        Map<String, String> m = valid();
        m.put("collector.server.allowInsecureHttp", "true");
        assertThat(withUrl(m, "http://192.0.2.10/api/readings").allowInsecureHttp()).isTrue();
        m.put("collector.server.allowInsecureHttp", "yes");
        assertThatThrownBy(() -> parse(m)).hasMessage("invalid setting collector.server.allowInsecureHttp "
                + "(TELEINFO_ALLOW_INSECURE_HTTP) = 'yes': expected true or false");
    }

    /** A name is decided by its addresses: localhost comes from /etc/hosts, no DNS query. */
    @Test
    void aNameIsDecidedByItsAddresses() {
        assertThat(withUrl(valid(), "http://localhost:8080/api/readings").allowInsecureHttp()).isFalse();
    }

    private Map<String, String> mqttOnly() {
        Map<String, String> m = valid();
        m.remove("collector.server.url");
        m.remove("collector.server.token");
        m.put("collector.mqtt.url", "tcp://broker.lan:1883");
        m.put("collector.mqtt.user", "teleinfo");
        m.put("collector.mqtt.password", "s3cret-pw");
        m.put("collector.mqtt.topic", "teleinfo");
        m.put("collector.mqtt.discoveryPrefix", "homeassistant");
        m.put("collector.mqtt.interval", "10s");
        m.put("collector.mqtt.reconnectMax", "60s");
        return m;
    }

    @Test
    void mqttOnlyNeedsNoServerAndNeverShowsThePassword() {
        CollectorSettings s = parse(mqttOnly());
        assertThat(s.http()).isFalse();
        assertThat(s.mqtt().url().toString()).isEqualTo("tcp://broker.lan:1883");
        assertThat(s.mqtt().clientId()).isEqualTo("rpi-teleinfo-teleinfo");
        assertThat(s.mqtt().topics().birth()).isEqualTo("homeassistant/status");
        assertThat(s.toString()).contains("broker.lan").doesNotContain("s3cret-pw");
        assertThat(parse(valid()).mqtt()).as("off without a broker URL").isNull();
    }

    @Test
    void anEmptyDiscoveryPrefixTurnsDiscoveryOff() {
        Map<String, String> m = mqttOnly();
        m.put("collector.mqtt.discoveryPrefix", "");
        assertThat(parse(m).mqtt().topics().discovery()).isFalse();
    }

    @Test
    void badMqttSettingsAreNamed() {
        Map<String, String> bad = Map.of(
                "collector.mqtt.url", "http://broker:1883",
                "collector.mqtt.topic", "tele/#",
                "collector.mqtt.discoveryPrefix", "/homeassistant",
                "collector.mqtt.interval", "never",
                "collector.mqtt.clientId", "two words");
        bad.forEach((key, value) -> {
            Map<String, String> m = mqttOnly();
            m.put(key, value);
            assertThatThrownBy(() -> parse(m)).as(key).isInstanceOf(UsageException.class)
                    .hasMessageStartingWith("invalid setting " + key + " (TELEINFO_");
        });
        Map<String, String> credentialsInUrl = mqttOnly();
        credentialsInUrl.put("collector.mqtt.url", "tcp://user:pw@broker:1883");
        assertThatThrownBy(() -> parse(credentialsInUrl)).hasMessageContaining("TELEINFO_MQTT_PASSWORD")
                .hasMessageNotContaining("pw@");
        Map<String, String> neither = valid();
        neither.remove("collector.server.url");
        assertThatThrownBy(() -> parse(neither)).hasMessage("missing setting collector.server.url: set the "
                + "environment variable TELEINFO_SERVER_URL");
    }
}
