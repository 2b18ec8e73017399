package teleinfo.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import routes.collector.HomeAssistantDiscoveryRoute;
import routes.collector.MqttPublishRoute;
import routes.collector.SpoolRoute;
import routes.collector.TicFramesRoute;
import routes.collector.UploadRoute;
import teleinfo.component.TicHeaders;
import teleinfo.protocol.TicFrame;
import teleinfo.protocol.TicLabel;
import teleinfo.protocol.TicMode;
import teleinfo.simulator.MeterSimulator;
import teleinfo.testsupport.Corpus;
import teleinfo.testsupport.Mosquitto;
import teleinfo.testsupport.MqttRecorder;

/**
 * The collector's routes publishing to a real Mosquitto, MQTT only (no server), read back by a real MQTT client:
 * four meter streams (historic single-phase HC and Tempo, standard three-phase and producer), their Home Assistant
 * discovery configs checked against the rules Home Assistant applies, and the published values against the decoded
 * frames.
 */
class MqttRoutesTest extends CamelTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Seconds between frames: printed captures were not taken every frame, the plausibility check needs the time. */
    private static final int SPACING_S = 10;
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{ value_json\\.([A-Za-z0-9_.]+) \\}\\}");

    @TempDir
    static Path tmp;
    private static Mosquitto broker;
    private static int run;
    private MqttRecorder recorder;
    private String topic;
    private String prefix;

    @BeforeAll
    static void startBroker() {
        broker = new Mosquitto(tmp.resolve("broker")).start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void closeRecorder() {
        if (recorder != null) {
            recorder.close();
        }
    }

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        run++;
        // topics of their own per test: retained messages of one test never reach another
        topic = "teleinfo" + run;
        prefix = "ha" + run;
        Properties p = new Properties();
        p.setProperty("collector.spool.dir", tmp.resolve("spool" + run).toString());
        p.setProperty("collector.minute.timeout", "1h");
        p.setProperty("collector.mqtt.url", broker.url());
        p.setProperty("collector.mqtt.topic", topic);
        p.setProperty("collector.mqtt.discoveryPrefix", prefix);
        p.setProperty("collector.mqtt.interval", "200");
        return CollectorContexts.configured(super.createCamelContext(), p);
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new TicFramesRoute(), new SpoolRoute(), new UploadRoute(), new MqttPublishRoute(),
                new HomeAssistantDiscoveryRoute()};
    }

    private void start() throws Exception {
        recorder = new MqttRecorder(broker.url(), "#");
        AdviceWith.adviceWith(context, "tic-frames", a -> a.replaceFromWith("direct:frames"));
        context.start();
    }

    /** Frames of a capture (their times: received {@link #SPACING_S} apart from 12:00:00 UTC, or the meter's clock). */
    private List<TicFrame> capture(String file, TicMode mode) {
        return Corpus.decode(Corpus.read(file), mode);
    }

    private void send(TicFrame frame, Instant received) {
        template.sendBodyAndHeader("direct:frames", frame, TicHeaders.RECEIVED_AT, received);
    }

    /** Every frame in order, then waits for the state of the last one and the discovery of the meter. */
    private Map<String, JsonNode> publish(List<TicFrame> frames, Set<String> expectedKeys) throws Exception {
        return publish(frames, expectedKeys, null);
    }

    /** ... and after {@code holdAfter}, waits for two rounds of the state route before the next frame. */
    private Map<String, JsonNode> publish(List<TicFrame> frames, Set<String> expectedKeys, TicFrame holdAfter)
            throws Exception {
        start();
        Instant t = Instant.parse("2026-11-30T12:00:00Z");
        for (TicFrame f : frames) {
            NotifyBuilder rounds = new NotifyBuilder(context).fromRoute("mqtt-state").whenCompleted(2).create();
            send(f, t);
            if (f == holdAfter) {
                assertThat(rounds.matches(10, TimeUnit.SECONDS)).as("two rounds of mqtt-state").isTrue();
            }
            t = t.plusSeconds(SPACING_S);
        }
        TicFrame last = frames.get(frames.size() - 1);
        String meter = last.meterId();
        String lastTime = "\"time\":\"" + ReadingTime.of(last, t.minusSeconds(SPACING_S)) + "\"";
        recorder.await(r -> r.topic().equals(topic + "/" + meter + "/state") && r.payload().contains(lastTime), 10,
                "state of the last frame");
        Map<String, JsonNode> configs = new LinkedHashMap<>();
        for (String key : expectedKeys) {
            recorder.await(r -> r.topic().endsWith("/teleinfo_" + meter + "/" + key + "/config"), 10,
                    "config of " + key);
        }
        for (MqttRecorder.Received r : recorder.messages()) {
            if (r.topic().startsWith(prefix + "/")) {
                configs.put(r.topic(), r.payload().isEmpty() ? null : JSON.readTree(r.payload()));
            }
        }
        return configs;
    }

    private JsonNode state(String meter) throws Exception {
        return JSON.readTree(recorder.latest(topic + "/" + meter + "/state"));
    }

    /**
     * The rules Home Assistant applies to a discovered sensor (homeassistant/components/sensor/const.py,
     * DEVICE_CLASS_UNITS and DEVICE_CLASS_STATE_CLASSES, for the device classes used here; enum: options, neither unit
     * nor state class), every template reading a field that the state topic carries, with a value of the right kind.
     */
    private void assertValidForHomeAssistant(Map<String, JsonNode> configs, JsonNode state) {
        Map<String, Set<String>> units = Map.of("energy", Set.of("Wh", "kWh", "MWh"), "apparent_power", Set.of("VA"),
                "current", Set.of("A", "mA"), "voltage", Set.of("V", "mV"));
        Map<String, Set<String>> stateClasses = Map.of("energy", Set.of("total", "total_increasing"),
                "apparent_power", Set.of("measurement"), "current", Set.of("measurement"),
                "voltage", Set.of("measurement"));
        Set<String> uniqueIds = new HashSet<>();
        configs.forEach((configTopic, c) -> {
            assertThat(c).as(configTopic).isNotNull();
            String component = configTopic.split("/")[1];
            assertThat(component).isIn("sensor", "binary_sensor");
            assertThat(uniqueIds.add(c.get("unique_id").asText())).as("unique " + c.get("unique_id")).isTrue();
            String[] levels = configTopic.split("/");
            assertThat(c.get("unique_id").asText()).as("stable: node and key").isEqualTo(levels[2] + "_" + levels[3]);
            assertThat(c.get("name").asText()).isNotBlank();
            assertThat(c.get("state_topic").asText()).isEqualTo(topic + "/" + state.get("meter").asText() + "/state");
            assertThat(c.get("availability_topic").asText()).isEqualTo(topic + "/status");
            assertThat(c.get("device").get("identifiers").get(0).asText())
                    .isEqualTo("teleinfo_" + state.get("meter").asText());
            Matcher m = TEMPLATE.matcher(c.get("value_template").asText());
            assertThat(m.matches()).as(c.get("value_template").asText()).isTrue();
            JsonNode value = state;
            for (String part : m.group(1).split("\\.")) {
                value = value.get(part);
                assertThat(value).as(configTopic + ": the state has " + m.group(1)).isNotNull();
            }
            String deviceClass = c.path("device_class").asText(null);
            if (component.equals("binary_sensor")) {
                assertThat(value.isBoolean()).as(configTopic).isTrue();
                assertThat(c.get("payload_on").asText()).isEqualTo("True");
                assertThat(c.get("payload_off").asText()).isEqualTo("False");
                return;
            }
            if ("enum".equals(deviceClass)) {
                assertThat(c.has("unit_of_measurement")).as(configTopic).isFalse();
                assertThat(c.has("state_class")).as(configTopic).isFalse();
                List<String> options = new ArrayList<>();
                c.get("options").forEach(o -> options.add(o.asText()));
                assertThat(options).as(configTopic).isNotEmpty();
                if (!value.isNull()) {
                    assertThat(value.asText()).as(configTopic).isIn(options);
                }
                return;
            }
            if (deviceClass != null) {
                assertThat(units).as(configTopic).containsKey(deviceClass);
                assertThat(c.get("unit_of_measurement").asText()).as(configTopic).isIn(units.get(deviceClass));
                if (c.has("state_class")) {
                    assertThat(c.get("state_class").asText()).as(configTopic).isIn(stateClasses.get(deviceClass));
                }
                assertThat(value.isNumber()).as(configTopic).isTrue();
            }
        });
    }

    private static Set<String> keys(Map<String, JsonNode> configs) {
        Set<String> keys = new HashSet<>();
        configs.keySet().forEach(t -> keys.add(t.split("/")[3]));
        return keys;
    }

    private static BigDecimal kwh(TicFrame f, TicLabel label) {
        return BigDecimal.valueOf(Long.parseLong(f.value(label)), 3);
    }

    @Test
    void historicSinglePhaseHcAndOnlyPlausibleValues() throws Exception {
        List<TicFrame> frames = new ArrayList<>(capture("teleinfotest-hist-hc-1p.bin", TicMode.HISTORIC));
        TicFrame last = frames.get(frames.size() - 1);
        // a wrong HCHC digit that a 6-bit checksum can miss: refused by the plausibility check, never published
        long wrong = Long.parseLong(last.value(TicLabel.HCHC)) + 5_000_000;
        TicFrame implausible = Frames.withValue(frames.get(0), TicLabel.HCHC, String.format("%09d", wrong));
        frames.add(1, implausible);
        Map<String, JsonNode> configs = publish(frames, Set.of("apparent_power", "energy_hchc", "energy_hchp",
                "current_l1", "period", "subscribed_power", "over_subscription"), implausible);
        String wrongKwh = BigDecimal.valueOf(wrong, 3).toPlainString();
        assertThat(recorder.messages()).noneMatch(r -> r.payload().contains(wrongKwh));
        JsonNode state = state(last.meterId());
        assertValidForHomeAssistant(configs, state);
        assertThat(keys(configs)).containsExactlyInAnyOrder("apparent_power", "current_l1", "energy_hchc",
                "energy_hchp", "period", "period_name", "subscribed_power", "over_subscription");
        assertThat(state.get("apparent_power").asInt()).isEqualTo(Integer.parseInt(last.value(TicLabel.PAPP)));
        assertThat(state.get("current").get("l1").asInt()).isEqualTo(Integer.parseInt(last.value(TicLabel.IINST)));
        assertThat(state.get("energy").get("HCHC").decimalValue()).isEqualByComparingTo(kwh(last, TicLabel.HCHC));
        assertThat(state.get("energy").get("HCHP").decimalValue()).isEqualByComparingTo(kwh(last, TicLabel.HCHP));
        assertThat(state.get("period").asText()).isEqualTo(last.value(TicLabel.PTEC).replace(".", ""));
        assertThat(state.get("subscribed_power").asInt())
                .isEqualTo(Integer.parseInt(last.value(TicLabel.ISOUSC)) * 200);
        JsonNode energy = configs.get(prefix + "/sensor/teleinfo_" + last.meterId() + "/energy_hchc/config");
        assertThat(energy.get("device_class").asText()).isEqualTo("energy");
        assertThat(energy.get("state_class").asText()).isEqualTo("total_increasing");
        assertThat(energy.get("unit_of_measurement").asText()).isEqualTo("kWh");
    }

    @Test
    void historicTempo() throws Exception {
        List<TicFrame> frames = capture("pyteleinfo-hist-tempo-1p-linky.bin", TicMode.HISTORIC);
        TicFrame last = frames.get(frames.size() - 1);
        Map<String, JsonNode> configs = publish(frames, Set.of("tempo_today", "tempo_tomorrow", "period"));
        JsonNode state = state(last.meterId());
        assertValidForHomeAssistant(configs, state);
        assertThat(keys(configs)).contains("tempo_today", "tempo_tomorrow", "energy_bbrhcjb", "energy_bbrhpjb");
        JsonNode period = configs.get(prefix + "/sensor/teleinfo_" + last.meterId() + "/period/config");
        assertThat(period.get("options").toString())
                .isEqualTo("[\"HPJB\",\"HCJB\",\"HPJW\",\"HCJW\",\"HPJR\",\"HCJR\"]");
        assertThat(state.get("period").asText()).isEqualTo(last.value(TicLabel.PTEC));
        String colourOfPeriod = Map.of("JB", "blue", "JW", "white", "JR", "red")
                .get(last.value(TicLabel.PTEC).substring(2));
        assertThat(state.get("tempo_today").asText()).isEqualTo(colourOfPeriod);
        String demain = last.value(TicLabel.DEMAIN);
        JsonNode tomorrow = state.get("tempo_tomorrow");
        if (demain.equals("----")) {
            assertThat(tomorrow.isNull()).isTrue();
        } else {
            assertThat(tomorrow.asText()).isEqualTo(Map.of("BLEU", "blue", "BLAN", "white", "ROUG", "red").get(demain));
        }
        assertThat(state.get("energy").get("BBRHCJB").decimalValue()).isEqualByComparingTo(kwh(last, TicLabel.BBRHCJB));
    }

    @Test
    void standardThreePhase() throws Exception {
        Frames simulated = new Frames(TicMode.STANDARD, true);
        List<TicFrame> frames = new ArrayList<>();
        Instant t = Instant.parse("2026-11-30T12:00:00Z");
        for (int s = 0; s < 90; s += 2) {
            frames.add(simulated.at(t.plusSeconds(s)));
        }
        TicFrame last = frames.get(frames.size() - 1);
        Map<String, JsonNode> configs = publish(frames, Set.of("current_l3", "voltage_l3", "energy_east"));
        JsonNode state = state(last.meterId());
        assertValidForHomeAssistant(configs, state);
        assertThat(keys(configs)).contains("current_l1", "current_l2", "current_l3", "voltage_l1", "voltage_l2",
                "voltage_l3", "energy_east", "period", "over_voltage").doesNotContain("injected_power");
        for (int i = 1; i <= 3; i++) {
            assertThat(state.get("current").get("l" + i).asInt())
                    .isEqualTo(Integer.parseInt(last.value(TicLabel.valueOf("IRMS" + i))));
            assertThat(state.get("voltage").get("l" + i).asInt())
                    .isEqualTo(Integer.parseInt(last.value(TicLabel.valueOf("URMS" + i))));
        }
        assertThat(state.get("energy").get("EAST").decimalValue()).isEqualByComparingTo(kwh(last, TicLabel.EAST));
        assertThat(state.get("period").asText()).isEqualTo("T" + Integer.parseInt(last.value(TicLabel.NTARF)));
        // the minute 12:00 closed when 12:01 began: the reading topic carries the HTTP reading's JSON
        MqttRecorder.Received reading = recorder.await(r -> r.topic().equals(topic + "/" + last.meterId() + "/reading"),
                10, "reading");
        JsonNode r = JSON.readTree(reading.payload());
        assertThat(r.get("time").asText()).isEqualTo("2026-11-30T12:00:00Z");
        assertThat(r.get("meter").asText()).isEqualTo(last.meterId());
        assertThat(r.get("frames").asInt()).isEqualTo(30);
    }

    @Test
    void standardProducer() throws Exception {
        // the capture's one frame, whose ADSC its publisher anonymised without fixing the checksum: that group is
        // refused by the decoder, so a meter id is put back, and the frame sent a few times
        TicFrame real = capture("ticmeter-std-producer-1p.bin", TicMode.STANDARD).get(0);
        assertThat(real.has(TicLabel.SINSTI)).isTrue();
        TicFrame last = Frames.withValue(real, TicLabel.ADSC, "041876097452");
        List<TicFrame> frames = List.of(last, last, last);
        Map<String, JsonNode> configs = publish(frames, Set.of("injected_power", "energy_eait"));
        JsonNode state = state(last.meterId());
        assertValidForHomeAssistant(configs, state);
        assertThat(keys(configs)).contains("apparent_power", "injected_power", "energy_east", "energy_eait",
                "voltage_l1", "current_l1");
        assertThat(state.get("injected_power").asInt()).isEqualTo(Integer.parseInt(last.value(TicLabel.SINSTI)));
        assertThat(state.get("energy").get("EAIT").decimalValue()).isEqualByComparingTo(kwh(last, TicLabel.EAIT));
        JsonNode eait = configs.get(prefix + "/sensor/teleinfo_" + last.meterId() + "/energy_eait/config");
        assertThat(eait.get("device_class").asText()).isEqualTo("energy");
        assertThat(eait.get("state_class").asText()).isEqualTo("total_increasing");
    }

    /** The meter switched from historic to standard mode (its supplier asked Enedis): stale entities are removed. */
    @Test
    void entitiesThatNoLongerApplyAreRemovedWhenTheModeChanges() throws Exception {
        Frames historic = new Frames(TicMode.HISTORIC);
        MeterSimulator.Config std = MeterSimulator.Config.defaults(TicMode.STANDARD, false);
        Frames standard = new Frames(new MeterSimulator.Config(TicMode.STANDARD, false, historic.meter(),
                std.subscribedKva(), std.seed()));
        String node = prefix + "/sensor/teleinfo_" + historic.meter();
        Instant t = Instant.parse("2026-11-30T12:00:00Z");
        start();
        for (int s = 0; s < 20; s += 2) {
            send(historic.at(t.plusSeconds(s)), t.plusSeconds(s));
        }
        recorder.await(r -> r.topic().equals(node + "/energy_hchc/config") && !r.payload().isEmpty(), 10,
                "historic entities");
        for (int s = 20; s < 40; s += 2) {
            send(standard.at(t.plusSeconds(s)), t.plusSeconds(s));
        }
        recorder.await(r -> r.topic().equals(node + "/energy_east/config") && !r.payload().isEmpty(), 10,
                "standard entities");
        for (String gone : List.of("energy_hchc", "energy_hchp")) {
            recorder.await(r -> r.topic().equals(node + "/" + gone + "/config") && r.payload().isEmpty(), 10,
                    "removal of " + gone);
        }
        // a client that comes later (Home Assistant restarting) no longer gets the removed configs
        try (MqttRecorder later = new MqttRecorder(broker.url(), prefix + "/#")) {
            MqttRecorder.Received east = later.await(r -> r.topic().equals(node + "/energy_east/config"), 10, "EAST");
            assertThat(east.retained()).isTrue();
            assertThat(later.messages()).extracting(MqttRecorder.Received::topic)
                    .doesNotContain(node + "/energy_hchc/config", node + "/energy_hchp/config");
            JsonNode period = JSON.readTree(later.latest(node + "/period/config"));
            assertThat(period.get("options").get(0).asText()).isEqualTo("T1");
            assertThat(period.get("device").get("model").asText()).startsWith("TIC standard");
        }
    }
}
