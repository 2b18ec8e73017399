package teleinfo.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import teleinfo.protocol.TicFrame;
import teleinfo.protocol.TicMode;
import teleinfo.testsupport.Corpus;

/** The component against socat pseudo-terminals: a real tty, a real unplug. */
class TicComponentTest {
    @TempDir
    Path dir;
    private SocatLine line;
    private CamelContext context;

    /** A route reading the line with short reopen delays, and {@code options}. */
    private CamelContext start(String options) throws Exception {
        return startWith("reopenDelay=100&maxReopenDelay=500&" + options);
    }

    /** A route reading the line with only {@code options}: the component's defaults otherwise. */
    private CamelContext startWith(String options) throws Exception {
        if (line == null) {
            line = new SocatLine(dir);
        }
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("tic:" + line.piSide() + "?" + options).routeId("frames").to("mock:frames");
            }
        });
        context.start();
        return context;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (context != null) {
            context.stop();
        }
        if (line != null) {
            line.close();
        }
    }

    private HealthCheck.State health() {
        return HealthCheckRegistry.get(context).getCheck("tic").orElseThrow().call().getState();
    }

    private static void await(java.util.function.BooleanSupplier condition, long seconds) {
        Awaitility.await().atMost(java.time.Duration.ofSeconds(seconds)).pollInterval(java.time.Duration.ofMillis(50))
                .until(condition::getAsBoolean);
    }

    /**
     * A port that is not a device path names a TicLine bean, read through the same decoder; the simulator's and the
     * replay's settings are not options of the production endpoint.
     */
    @Test
    void aTicLineBeanIsReadAndSimulatorOptionsAreNotEndpointOptions() throws Exception {
        byte[] capture = Corpus.read("pyteleinfo-hist-tempo-1p-linky.bin");
        context = new DefaultCamelContext();
        context.getRegistry().bind("bench", (TicLine) new TicLine() {
            @Override
            public TicSource open() {
                return new TicSource() {
                    private boolean sent;

                    @Override
                    public int read(byte[] buf) throws java.io.InterruptedIOException {
                        if (sent) {
                            return 0;
                        }
                        sent = true;
                        System.arraycopy(capture, 0, buf, 0, Math.min(buf.length, capture.length));
                        return Math.min(buf.length, capture.length);
                    }

                    @Override
                    public java.time.Instant now() {
                        return java.time.Instant.now();
                    }

                    @Override
                    public boolean reopenWhenSilent() {
                        return false;
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public String describe() {
                return "a capture in memory";
            }
        });
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("tic:bench").routeId("frames").to("mock:frames");
            }
        });
        NotifyBuilder frames = new NotifyBuilder(context).from("tic:*").whenCompleted(1).create();
        context.start();
        assertThat(frames.matches(10, TimeUnit.SECONDS)).as("a frame from the TicLine bean").isTrue();
        for (String option : new String[] {"speed=10", "simulatorMode=historic", "replayFile=x.bin"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> context.getEndpoint("tic:/dev/null?" + option))
                    .as(option).hasMessageContaining("Unknown parameters");
        }
    }

    /**
     * With the default timings: health DOWN within 10 s of the line going silent, and frames again within 5 s of the
     * replug however long the adapter was away (the back-off used to grow to 8 s and more while it was).
     */
    @Test
    void decodesFramesAndRecoversFromAnUnplug() throws Exception {
        startWith("mode=standard");
        line.plug();
        line.startMeter(TicMode.STANDARD);
        NotifyBuilder first = new NotifyBuilder(context).from("tic:*").whenCompleted(3).create();
        assertThat(first.matches(10, TimeUnit.SECONDS)).isTrue();
        MockEndpoint mock = context.getEndpoint("mock:frames", MockEndpoint.class);
        Exchange e = mock.getReceivedExchanges().get(1);
        TicFrame frame = e.getMessage().getBody(TicFrame.class);
        assertThat(frame.meterId()).isEqualTo("041876097451");
        assertThat(frame.errors()).isZero();
        assertThat(e.getMessage().getHeader(TicHeaders.RECEIVED_AT)).isNotNull();
        assertThat(health()).isEqualTo(HealthCheck.State.UP);

        line.unplug();
        await(() -> health() == HealthCheck.State.DOWN, 10);
        assertThat(context.getRouteController().getRouteStatus("frames").isStarted()).isTrue();

        NotifyBuilder again = new NotifyBuilder(context).from("tic:*").whenCompleted(1).create();
        line.plug();
        line.startMeter(TicMode.STANDARD);
        assertThat(again.matches(5, TimeUnit.SECONDS)).as("a frame within 5 s of the replug").isTrue();
        await(() -> health() == HealthCheck.State.UP, 5);
    }

    @Test
    void framesAgainAfterASilenceLongerThanTheTimeout() throws Exception {
        start("mode=standard&noFrameTimeout=1000");
        line.plug();
        line.startMeter(TicMode.STANDARD);
        assertThat(new NotifyBuilder(context).from("tic:*").whenCompleted(2).create().matches(10, TimeUnit.SECONDS))
                .isTrue();
        line.stopMeter();
        await(() -> health() == HealthCheck.State.DOWN, 5);
        Thread.sleep(1500);
        NotifyBuilder again = new NotifyBuilder(context).from("tic:*").whenCompleted(2).create();
        line.startMeter(TicMode.STANDARD);
        assertThat(again.matches(10, TimeUnit.SECONDS)).as("frames after the silence").isTrue();
    }

    @Test
    void framesAfterARestartOnTheSameDevice() throws Exception {
        start("mode=standard");
        line.plug();
        line.startMeter(TicMode.STANDARD);
        assertThat(new NotifyBuilder(context).from("tic:*").whenCompleted(2).create().matches(10, TimeUnit.SECONDS))
                .isTrue();
        context.stop();
        start("mode=standard");
        NotifyBuilder again = new NotifyBuilder(context).from("tic:*").whenCompleted(2).create();
        assertThat(again.matches(10, TimeUnit.SECONDS)).as("frames after the restart").isTrue();
    }

    @Test
    void waitsForAPortMissingAtStart() throws Exception {
        start("mode=standard");
        NotifyBuilder frames = new NotifyBuilder(context).from("tic:*").whenCompleted(2).create();
        Thread.sleep(700);
        line.plug();
        line.startMeter(TicMode.STANDARD);
        assertThat(frames.matches(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void autoModeSwitchesToTheSpeedThatWorksAndRemembersIt() throws Exception {
        Path state = dir.resolve("tic-mode");
        start("mode=auto&autoInitialMode=historic&autoSwitchAfter=1000&stateFile=" + state);
        line.plug();
        line.startMeter(TicMode.STANDARD);
        NotifyBuilder frames = new NotifyBuilder(context).from("tic:*").whenCompleted(2).create();
        assertThat(frames.matches(12, TimeUnit.SECONDS)).isTrue();
        MockEndpoint mock = context.getEndpoint("mock:frames", MockEndpoint.class);
        assertThat(mock.getReceivedExchanges().get(1).getMessage().getBody(TicFrame.class).mode())
                .isEqualTo(TicMode.STANDARD);
        await(() -> Files.exists(state), 2);
        assertThat(Files.readString(state).trim()).isEqualTo("standard");
    }

    @Test
    void lenientTakesTheFramesOfALineThatTurnsCarriageReturnsIntoLineFeeds() throws Exception {
        start("mode=historic&lenient=true");
        line.plug();
        line.startCapture(Corpus.read("ticdecodecpp-hist-base-3p-2024-raw.bin")); // CR turned into LF, no ETX
        NotifyBuilder frames = new NotifyBuilder(context).from("tic:*").whenCompleted(2).create();
        assertThat(frames.matches(10, TimeUnit.SECONDS)).isTrue();
        TicFrame frame = context.getEndpoint("mock:frames", MockEndpoint.class).getReceivedExchanges().get(1)
                .getMessage().getBody(TicFrame.class);
        assertThat(frame.meterId()).isEqualTo("056234673197");
        assertThat(frame.apparentPower()).isPositive();
    }

    @Test
    void stoppingDoesNotWaitForTheLine() throws Exception {
        start("mode=historic");
        line.plug();
        Thread.sleep(300);
        long t0 = System.nanoTime();
        context.stop();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(3000);
        context = null;
    }
}
