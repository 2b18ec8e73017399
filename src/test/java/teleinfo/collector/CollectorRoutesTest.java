package teleinfo.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import routes.collector.SpoolRoute;
import routes.collector.TicFramesRoute;
import routes.collector.UploadRoute;
import teleinfo.component.TicHeaders;
import teleinfo.protocol.TicFrame;
import teleinfo.protocol.TicLabel;
import teleinfo.protocol.TicMode;
import teleinfo.reading.Reading;
import teleinfo.reading.ReadingJson;

/** Frames in, spool files out: the real routes, the meter replaced by direct:frames. */
class CollectorRoutesTest extends CamelTestSupport {
    @TempDir
    static Path tmp;
    private Path spoolDir;

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        spoolDir = Files.createTempDirectory(tmp, "spool");
        Properties p = new Properties();
        p.setProperty("collector.server.url", "http://127.0.0.1:9/api/readings");
        p.setProperty("collector.server.token", "secret");
        p.setProperty("collector.spool.dir", spoolDir.toString());
        p.setProperty("collector.minute.timeout", "1500");
        p.setProperty("collector.upload.interval", "1h");
        return CollectorContexts.configured(super.createCamelContext(), p);
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new TicFramesRoute(), new SpoolRoute(), new UploadRoute()};
    }

    @BeforeEach
    void replaceTheMeter() throws Exception {
        AdviceWith.adviceWith(context, "tic-frames", a -> a.replaceFromWith("direct:frames"));
        AdviceWith.adviceWith(context, "spool-upload", a -> a.replaceFromWith("direct:upload-now"));
        context.start();
    }

    private void send(TicFrame frame, Instant received) {
        template.sendBodyAndHeader("direct:frames", frame, TicHeaders.RECEIVED_AT, received);
    }

    private List<Reading> spooled() throws Exception {
        List<Reading> out = new ArrayList<>();
        for (Path p : new Spool(spoolDir).oldest(1000)) {
            out.add(ReadingJson.mapper().readValue(p.toFile(), Reading.class));
        }
        return out;
    }

    /** Waits until the spool holds {@code readings} files; fails after {@code seconds}. */
    private void awaitSpooled(int readings, int seconds) {
        Awaitility.await().atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(20))
                .until(() -> new Spool(spoolDir).size() >= readings);
    }

    @Test
    void oneReadingPerMinuteClosedByTheFirstFrameOfTheNext() throws Exception {
        Frames frames = new Frames(TicMode.HISTORIC);
        Instant minute = Instant.parse("2026-11-29T21:09:00Z");
        List<Integer> powers = new ArrayList<>();
        TicFrame last = null;
        for (int s = 5; s < 120; s += 10) {
            TicFrame f = frames.at(minute.plusSeconds(s));
            if (s < 60) {
                powers.add(f.apparentPower());
            }
            if (s < 120) {
                last = s < 60 ? f : last;
            }
            send(f, minute.plusSeconds(s));
        }
        assertThat(new Spool(spoolDir).size()).as("minutes closed before 21:11").isEqualTo(1);
        send(frames.at(minute.plusSeconds(121)), minute.plusSeconds(121));
        assertThat(new Spool(spoolDir).size()).as("closed by the first frame of 21:11").isEqualTo(2);

        List<Reading> readings = spooled();
        assertThat(readings).extracting(Reading::time)
                .containsExactly(minute, minute.plusSeconds(60));
        Reading r = readings.get(0);
        assertThat(r.meter()).isEqualTo(frames.meter());
        assertThat(r.mode()).isEqualTo("historic");
        assertThat(r.frames()).isEqualTo(6);
        assertThat(r.rejected()).isZero();
        assertThat(r.power().min()).isEqualTo(powers.stream().mapToInt(i -> i).min().getAsInt());
        assertThat(r.power().max()).isEqualTo(powers.stream().mapToInt(i -> i).max().getAsInt());
        assertThat(r.power().avg()).isEqualTo((int) Math.round(powers.stream().mapToInt(i -> i).average().getAsDouble()));
        assertThat(r.registers()).containsEntry("HCHC", last.number(TicLabel.HCHC))
                .containsEntry("HCHP", last.number(TicLabel.HCHP));
        assertThat(r.period()).as("22:09 in Paris is off-peak").isEqualTo("HC");
        assertThat(r.current()).hasSize(1);
        assertThat(r.voltage()).isEmpty();
    }

    @Test
    void aQuietLineClosesTheMinuteAfterTheTimeout() throws Exception {
        Frames frames = new Frames(TicMode.HISTORIC);
        Instant minute = Instant.parse("2026-11-29T21:09:00Z");
        send(frames.at(minute.plusSeconds(1)), minute.plusSeconds(1));
        send(frames.at(minute.plusSeconds(3)), minute.plusSeconds(3));
        assertThat(new Spool(spoolDir).size()).isZero();
        awaitSpooled(1, 6);
        assertThat(spooled()).singleElement().extracting(Reading::frames).isEqualTo(2);
    }

    @Test
    void theMinuteInProgressIsSpooledOnShutdown() throws Exception {
        Frames frames = new Frames(TicMode.HISTORIC);
        Instant minute = Instant.parse("2026-11-29T21:09:00Z");
        send(frames.at(minute.plusSeconds(1)), minute.plusSeconds(1));
        context.stop();
        assertThat(spooled()).singleElement().extracting(Reading::time).isEqualTo(minute);
    }

    @Test
    void standardModeUsesTheMeterClockAcrossTheSpringChange() throws Exception {
        // 2026-03-29 01:00Z: 01:59:59 H (UTC+1) is followed by 03:00:00 E (UTC+2)
        assertMinutesAreContiguous(Instant.parse("2026-03-29T00:57:30Z"), "H260329015900", "E260329030000");
    }

    @Test
    void standardModeUsesTheMeterClockAcrossTheAutumnChange() throws Exception {
        // 2026-10-25 01:00Z: 02:59:59 E (UTC+2) is followed by 02:00:00 H (UTC+1): local times repeat, UTC does not
        assertMinutesAreContiguous(Instant.parse("2026-10-25T00:57:30Z"), "E261025025900", "H261025020000");
    }

    private void assertMinutesAreContiguous(Instant from, String lastBefore, String firstAfter) throws Exception {
        Frames frames = new Frames(TicMode.STANDARD);
        Instant hostClockIsWrong = Instant.parse("2030-01-01T00:00:00Z");
        List<String> horodates = new ArrayList<>();
        for (int s = 0; s <= 6 * 60; s += 15) {
            TicFrame f = frames.at(from.plusSeconds(s));
            horodates.add(f.horodates().get(TicLabel.DATE));
            send(f, hostClockIsWrong);
        }
        assertThat(horodates).contains(lastBefore.substring(0, 11) + "30", firstAfter.substring(0, 11) + "00");
        awaitSpooled(5, 5);
        List<Reading> readings = spooled();
        Instant first = Instant.parse(from.toString().substring(0, 17) + "00Z");
        List<Instant> expected = new ArrayList<>();
        for (int m = 0; m < readings.size(); m++) {
            expected.add(first.plusSeconds(60L * m));
        }
        assertThat(readings).hasSizeGreaterThanOrEqualTo(5);
        assertThat(readings).extracting(Reading::time).containsExactlyElementsOf(expected);
        assertThat(readings).allSatisfy(r -> assertThat(r.frames()).isBetween(2, 4));
    }

    @Test
    void anImplausibleIndexIsRejectedAndCountedNeverSent() throws Exception {
        Frames frames = new Frames(TicMode.HISTORIC);
        Instant minute = Instant.parse("2026-11-29T21:09:00Z");
        long goodHchp = 0;
        for (int s = 2; s < 60; s += 4) {
            TicFrame f = frames.at(minute.plusSeconds(s));
            if (s == 30) {
                // one wrong digit: +100 kWh in 4 seconds
                long spike = f.number(TicLabel.HCHP) + 100_000;
                f = Frames.withValue(f, TicLabel.HCHP, String.format("%09d", spike));
            } else {
                goodHchp = f.number(TicLabel.HCHP);
            }
            send(f, minute.plusSeconds(s));
        }
        TicFrame backwards = Frames.withValue(frames.at(minute.plusSeconds(59)), TicLabel.HCHC, "000000001");
        send(backwards, minute.plusSeconds(59));
        send(frames.at(minute.plusSeconds(61)), minute.plusSeconds(61));
        awaitSpooled(1, 5);
        Reading r = spooled().get(0);
        assertThat(r.rejected()).isEqualTo(2);
        assertThat(r.frames()).isEqualTo(14);
        assertThat(r.registers()).containsEntry("HCHP", goodHchp);
    }

    @Test
    void framesMissingTheirMeterIdOrDateStayInTheirMinute() throws Exception {
        Frames frames = new Frames(TicMode.STANDARD);
        Instant minute = Instant.parse("2026-11-29T21:09:00Z");
        Instant host = Instant.parse("2026-11-29T21:07:30Z");
        for (int s = 5; s < 60; s += 5) {
            TicFrame f = frames.at(minute.plusSeconds(s));
            Map<TicLabel, String> values = new LinkedHashMap<>(f.values());
            Map<TicLabel, String> horodates = new LinkedHashMap<>(f.horodates());
            if (s == 20) {
                values.remove(TicLabel.ADSC);
            }
            if (s == 30) {
                values.remove(TicLabel.DATE);
                horodates.remove(TicLabel.DATE);
            }
            send(new TicFrame(f.mode(), values, horodates, Map.of(), 1), host.plusSeconds(s));
        }
        send(frames.at(minute.plusSeconds(61)), host.plusSeconds(61));
        awaitSpooled(1, 5);
        Thread.sleep(200); // proves that no second reading follows
        List<Reading> readings = spooled();
        assertThat(readings).singleElement().satisfies(r -> {
            assertThat(r.time()).isEqualTo(minute);
            assertThat(r.frames()).isEqualTo(11);
            assertThat(r.rejected()).isEqualTo(11);
        });
    }
}
