package teleinfo.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import routes.collector.SpoolRoute;
import routes.collector.TicFramesRoute;
import routes.collector.UploadRoute;
import teleinfo.reading.Reading;
import teleinfo.reading.ReadingJson;
import teleinfo.testsupport.FreePort;
import teleinfo.testsupport.IngestionServer;

/** The spool drained into a real HTTP server on 127.0.0.1 that fails, refuses and recovers. */
class UploadRouteTest extends CamelTestSupport {
    private static final int BATCH = 1000;
    @TempDir
    static Path tmp;
    private Path spoolDir;
    private int port;
    private IngestionServer server;
    private final ObjectMapper json = ReadingJson.mapper();

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        spoolDir = Files.createTempDirectory(tmp, "spool");
        port = FreePort.find();
        Properties p = new Properties();
        p.setProperty("collector.server.url", "http://127.0.0.1:" + port + "/api/readings");
        p.setProperty("collector.server.token", "s3cret-token");
        p.setProperty("collector.spool.dir", spoolDir.toString());
        p.setProperty("collector.upload.interval", "100");
        p.setProperty("collector.upload.retryInitial", "200");
        p.setProperty("collector.upload.retryMax", "400");
        p.setProperty("collector.upload.batchSize", String.valueOf(BATCH));
        p.setProperty("collector.upload.responseTimeout", "2s");
        return CollectorContexts.configured(super.createCamelContext(), p);
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new TicFramesRoute(), new SpoolRoute(), new UploadRoute()};
    }

    @BeforeEach
    void noMeter() throws Exception {
        AdviceWith.adviceWith(context, "tic-frames", a -> a.replaceFromWith("direct:frames"));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static Reading reading(String meter, Instant time) {
        return new Reading(meter, time, "historic", "HC..", "HC", "HC..", new Reading.Stats(500, 400, 600), null,
                List.of(2), List.of(), Map.of("HCHC", 12_345_678L, "HCHP", 2_345_678L), 30, 0);
    }

    /** Written the way the spool names them, in shuffled order, without the fsync the tests do not need. */
    private List<Instant> spoolReadings(String meter, int count) throws IOException {
        List<Instant> times = new ArrayList<>();
        Instant start = Instant.parse("2026-10-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            times.add(start.plusSeconds(60L * i));
        }
        List<Instant> shuffled = new ArrayList<>(times);
        Collections.shuffle(shuffled);
        for (Instant t : shuffled) {
            Reading r = reading(meter, t);
            Files.write(spoolDir.resolve(Spool.fileName(r)), json.writeValueAsBytes(r));
        }
        return times;
    }

    private int spoolSize() throws IOException {
        return new Spool(spoolDir).size();
    }

    /** True once {@code condition} holds, false if it still does not after {@code seconds}. */
    private static boolean await(BooleanSupplier condition, int seconds) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(20))
                    .until(condition::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private boolean spoolEmptyWithin(int seconds) throws InterruptedException {
        return await(() -> {
            try {
                return spoolSize() == 0;
            } catch (IOException e) {
                return false;
            }
        }, seconds);
    }

    @Test
    void uploadsOldestFirstInBatchesWithTheBearerToken() throws Exception {
        List<Instant> times = spoolReadings("021528603314", 2500);
        server = new IngestionServer(port);
        NotifyBuilder threeBatches = new NotifyBuilder(context).fromRoute("spool-upload").whenDone(1).create();
        context.start();
        assertThat(threeBatches.matches(20, TimeUnit.SECONDS)).isTrue();
        assertThat(spoolEmptyWithin(5)).isTrue();

        List<IngestionServer.Request> requests = server.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.uri()).isEqualTo("/api/readings");
            assertThat(r.authorization()).isEqualTo("Bearer s3cret-token");
            assertThat(r.contentType()).startsWith("application/json");
        });
        assertThat(requests).extracting(r -> r.body().size()).containsExactly(1000, 1000, 500);
        List<Instant> received = new ArrayList<>();
        requests.forEach(r -> r.body().forEach(n -> received.add(Instant.parse(n.get("time").asText()))));
        assertThat(received).containsExactlyElementsOf(times);
    }

    @Test
    void keepsEveryReadingWhileTheServerAnswers503AndDrainsWhenItRecovers() throws Exception {
        spoolReadings("021528603314", 1500);
        server = new IngestionServer(port);
        server.answer(body -> new IngestionServer.Answer(503, "{\"error\":\"database down\"}", "0"));
        context.start();
        assertThat(await(() -> server.requests().size() >= 3, 10)).isTrue();
        Thread.sleep(500); // proves that nothing is deleted while the server refuses
        assertThat(spoolSize()).isEqualTo(1500);
        assertThat(server.requests().size()).as("backs off instead of hammering").isLessThan(10);
        assertThat(server.requests()).allSatisfy(r -> assertThat(r.body().size()).isEqualTo(BATCH));

        server.answer(IngestionServer.Answer::ok);
        int failed = server.requests().size();
        assertThat(spoolEmptyWithin(10)).isTrue();
        assertThat(server.requests().size() - failed).isEqualTo(2);
        assertThat(new Spool(spoolDir).rejectedDir()).isEmptyDirectory();
    }

    @Test
    void keepsEveryReadingWhileTheConnectionIsRefused() throws Exception {
        spoolReadings("021528603314", 10);
        context.start();
        Thread.sleep(1500); // proves that nothing is deleted while no server listens
        assertThat(spoolSize()).isEqualTo(10);
        server = new IngestionServer(port);
        assertThat(spoolEmptyWithin(10)).isTrue();
        assertThat(server.stored()).isEqualTo(10);
    }

    @Test
    void aRefusedReadingGoesToRejectedWithTheReasonAndTheOthersAreDelivered() throws Exception {
        spoolReadings("021528603314", 20);
        Reading bad = reading("999999999999", Instant.parse("2026-10-01T00:05:00Z"));
        Files.write(spoolDir.resolve(Spool.fileName(bad)), json.writeValueAsBytes(bad));
        server = new IngestionServer(port);
        server.answer(body -> body.toString().contains("999999999999")
                ? new IngestionServer.Answer(400, "{\"error\":\"unknown meter\"}", null)
                : IngestionServer.Answer.ok(body));
        context.start();
        assertThat(spoolEmptyWithin(10)).isTrue();

        Path rejected = new Spool(spoolDir).rejectedDir();
        assertThat(rejected.resolve(Spool.fileName(bad))).exists();
        assertThat(Files.readString(rejected.resolve(Spool.fileName(bad) + ".reason")))
                .contains("HTTP 400").contains("unknown meter");
        long delivered = server.requests().stream().filter(r -> !r.body().toString().contains("999999999999"))
                .mapToLong(r -> r.body().size()).sum();
        assertThat(delivered).isEqualTo(20);
    }

    @Test
    void aMonthOfBacklogDrainsInMinutes() throws Exception {
        spoolReadings("021528603314", 43_200);
        server = new IngestionServer(port);
        long t0 = System.nanoTime();
        context.start();
        assertThat(spoolEmptyWithin(120)).isTrue();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        assertThat(server.stored()).isEqualTo(43_200);
        assertThat(seconds).as("drain time").isLessThan(120);
    }
}
