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
}
