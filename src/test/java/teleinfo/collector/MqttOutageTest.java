package teleinfo.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import routes.collector.HomeAssistantDiscoveryRoute;
import routes.collector.MqttPublishRoute;
import routes.collector.SpoolRoute;
import routes.collector.TicFramesRoute;
import routes.collector.UploadRoute;
import teleinfo.component.TicHeaders;
import teleinfo.protocol.TicFrame;
import teleinfo.protocol.TicMode;
import teleinfo.testsupport.FreePort;
import teleinfo.testsupport.IngestionServer;
import teleinfo.testsupport.Mosquitto;
import teleinfo.testsupport.MqttRecorder;

/**
 * MQTT and HTTP both on, the broker absent at start, then up, then hung (SIGSTOP), killed and restarted: every reading
 * reaches the HTTP server once, without waiting on the broker; the collector connects by itself once the broker is
 * there, answers Home Assistant's birth message and reconnects after the restart.
 */
class MqttOutageTest extends CamelTestSupport {
    private static final String TOPIC = "teleinfo";
    private static final String PREFIX = "homeassistant";

    @TempDir
    Path tmp;
    private IngestionServer server;
    private Mosquitto broker;
    private final List<MqttRecorder> recorders = new ArrayList<>();
    private final Frames meter = new Frames(TicMode.STANDARD);
    private final Instant start = Instant.parse("2026-11-30T12:00:00Z");
    private long slowestSendMs;

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        server = new IngestionServer(FreePort.find());
        broker = new Mosquitto(tmp.resolve("broker"));
        Properties p = new Properties();
        p.setProperty("collector.server.url", "http://127.0.0.1:" + server.port() + "/api/readings");
        p.setProperty("collector.server.token", "secret");
        p.setProperty("collector.spool.dir", tmp.resolve("spool").toString());
        p.setProperty("collector.minute.timeout", "1h");
        p.setProperty("collector.upload.interval", "100");
        p.setProperty("collector.upload.retryInitial", "100");
        p.setProperty("collector.mqtt.url", broker.url());
        p.setProperty("collector.mqtt.interval", "200");
        p.setProperty("collector.mqtt.reconnectMax", "1s");
        return CollectorContexts.configured(super.createCamelContext(), p);
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new TicFramesRoute(), new SpoolRoute(), new UploadRoute(), new MqttPublishRoute(),
                new HomeAssistantDiscoveryRoute()};
    }

    @AfterEach
    void stopEverything() {
        recorders.forEach(MqttRecorder::close);
        broker.close();
        server.close();
    }

    private MqttRecorder recorder() throws Exception {
        MqttRecorder r = new MqttRecorder(broker.url(), "#");
        recorders.add(r);
        return r;
    }

    /** The frames of one minute of the simulated meter (its own clock), every 2 s; closes the minute before. */
    private void minute(int m) {
        for (int s = 0; s < 60; s += 2) {
            Instant t = start.plusSeconds(m * 60L + s);
            TicFrame f = meter.at(t);
            long before = System.nanoTime();
            template.sendBodyAndHeader("direct:frames", f, TicHeaders.RECEIVED_AT, t);
            slowestSendMs = Math.max(slowestSendMs, (System.nanoTime() - before) / 1_000_000);
        }
    }

    private void awaitStored(int readings, String when) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.stored() < readings && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.stored()).as("readings stored " + when).isEqualTo(readings);
    }

    private MqttRecorder.Received awaitConfigs(MqttRecorder r, String when) {
        return r.await(m -> m.topic().equals(PREFIX + "/sensor/teleinfo_" + meter.meter() + "/energy_east/config")
                && !m.payload().isEmpty(), 15, "discovery config " + when);
    }

    @Test
    void theHttpPathNeverWaitsForTheBrokerAndMqttRecoversByItself() throws Exception {
        AdviceWith.adviceWith(context, "tic-frames", a -> a.replaceFromWith("direct:frames"));
        context.start();

        // 1. no broker at all: the collector started, readings flow
        minute(0);
        minute(1);
        minute(2);
        awaitStored(2, "with no broker");

        // 2. the broker comes up: connected by itself, online (retained), discovery, live state
        broker.start();
        MqttRecorder ha = recorder();
        ha.await(m -> m.topic().equals(TOPIC + "/status") && m.payload().equals("online"), 15, "online");
        awaitConfigs(ha, "after the first connection");
        minute(3);
        ha.await(m -> m.topic().equals(TOPIC + "/" + meter.meter() + "/state"), 10, "state");
        awaitStored(3, "with the broker up");

        // 3. Home Assistant restarts: its birth message brings every config again
        ha.clear();
        ha.publish(PREFIX + "/status", "online", false);
        assertThat(awaitConfigs(ha, "after the birth message").retained()).as("sent live, not the retained copy")
                .isFalse();

        // 4. the broker hangs (keeps the connection, answers nothing), then dies: readings still flow at once
        ha.close();
        broker.freeze(true);
        slowestSendMs = 0;
        minute(4);
        minute(5);
        awaitStored(5, "with the broker hung");
        assertThat(slowestSendMs).as("longest frame hand-over while the broker hangs, ms (a publication may wait "
                + MqttConnection.TIME_TO_WAIT_MS + " ms)").isLessThan(1000);
        broker.kill();
        minute(6);
        awaitStored(6, "with the broker dead");

        // 5. the broker restarts (empty: no retained messages): reconnect, online, every config and the state again
        broker.start();
        MqttRecorder after = recorder();
        after.await(m -> m.topic().equals(TOPIC + "/status") && m.payload().equals("online"), 15, "online again");
        awaitConfigs(after, "after the reconnection");
        minute(7);
        after.await(m -> m.topic().equals(TOPIC + "/" + meter.meter() + "/state"), 10, "state again");
        awaitStored(7, "at the end");

        // every closed minute reached the server exactly once, in order
        List<String> times = new ArrayList<>();
        server.requests().forEach(r -> r.body().forEach(reading -> times.add(reading.get("time").asText())));
        List<String> expected = new ArrayList<>();
        for (int m = 0; m < 7; m++) {
            expected.add(start.plus(Duration.ofMinutes(m)).toString());
        }
        assertThat(times).containsExactlyElementsOf(expected);
    }
}
