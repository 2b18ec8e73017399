package teleinfo.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import teleinfo.mqtt.MqttOutbox;
import teleinfo.mqtt.MqttTopics;
import teleinfo.mqtt.Publication;
import teleinfo.protocol.TicMode;
import teleinfo.simulator.MeterSimulator;

/** What the outbox asks to publish, without a broker: discovery rounds, and entities remembered across restarts. */
class MqttOutboxTest {
    private static final MqttTopics TOPICS = new MqttTopics("teleinfo", "homeassistant");
    private static final Instant T = Instant.parse("2026-11-30T12:00:00Z");
    @TempDir
    Path dir;

    private final Frames historic = new Frames(TicMode.HISTORIC);
    private final Frames standard = new Frames(new MeterSimulator.Config(TicMode.STANDARD, false, historic.meter(),
            MeterSimulator.Config.defaults(TicMode.STANDARD, false).subscribedKva(), 1));

    private String config(String key) {
        return "homeassistant/sensor/teleinfo_" + historic.meter() + "/" + key + "/config";
    }

    private static List<String> removed(MqttOutbox.DiscoveryRound round) {
        return round.publications().stream().filter(p -> p.payload().isEmpty()).map(Publication::topic).toList();
    }

    @Test
    void aRoundOnlyWhenSomethingChangedOrWasAskedFor() {
        MqttOutbox outbox = new MqttOutbox(TOPICS, null);
        assertThat(outbox.discovery().publications()).as("no meter yet").isEmpty();
        outbox.offerFrame(historic.meter(), historic.at(T), T);
        MqttOutbox.DiscoveryRound first = outbox.discovery();
        assertThat(first.publications()).extracting(Publication::topic).contains(config("energy_hchc"));
        outbox.announced(first);
        outbox.offerFrame(historic.meter(), historic.at(T.plusSeconds(2)), T.plusSeconds(2));
        assertThat(outbox.discovery().publications()).as("same entities").isEmpty();
        outbox.requestDiscovery();
        assertThat(outbox.discovery().publications()).hasSameSizeAs(first.publications());
    }

    @Test
    void entitiesAnnouncedBeforeARestartAreRemovedWhenTheyNoLongerApply() throws Exception {
        Path file = dir.resolve(".mqtt-entities");
        MqttOutbox before = new MqttOutbox(TOPICS, file);
        before.offerFrame(historic.meter(), historic.at(T), T);
        before.announced(before.discovery());
        assertThat(Files.readAllLines(file)).contains(historic.meter() + " sensor/energy_hchc");

        // the collector restarts after the meter was switched to standard mode
        MqttOutbox after = new MqttOutbox(TOPICS, file);
        after.offerFrame(standard.meter(), standard.at(T.plusSeconds(600)), T.plusSeconds(600));
        MqttOutbox.DiscoveryRound round = after.discovery();
        assertThat(removed(round)).contains(config("energy_hchc"), config("energy_hchp"))
                .doesNotContain(config("energy_east"), config("apparent_power"));
        after.announced(round);
        assertThat(Files.readAllLines(file)).contains(historic.meter() + " sensor/energy_east")
                .doesNotContain(historic.meter() + " sensor/energy_hchc");

        // and a plain restart removes nothing
        MqttOutbox again = new MqttOutbox(TOPICS, file);
        again.offerFrame(standard.meter(), standard.at(T.plusSeconds(900)), T.plusSeconds(900));
        assertThat(removed(again.discovery())).isEmpty();
    }
}
