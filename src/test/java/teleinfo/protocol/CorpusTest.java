package teleinfo.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import teleinfo.testsupport.Corpus;

/** The decoder against every real capture: the values other implementations assert, and the corpus's own counts. */
class CorpusTest {

    static Stream<Arguments> expectations() throws Exception {
        JsonNode all = new ObjectMapper().readTree(Corpus.dir().resolve("expected.json").toFile());
        List<Arguments> out = new ArrayList<>();
        for (JsonNode e : all) {
            out.add(Arguments.of(e.get("file").asText(), e.get("frame").asText(), e.get("label").asText(),
                    e.get("value").asText(), e.has("horodate") ? e.get("horodate").asText() : null));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} frame {1} {2}")
    @MethodSource("expectations")
    void reproducesEveryValueOfExpectedJson(String file, String frame, String label, String value, String horodate) {
        byte[] bytes = Corpus.read(file);
        TicFrame decoded;
        if (frame.equals("groups")) {
            // the file holds bare groups (its source's framer had already stripped STX/ETX)
            ByteArrayOutputStream framed = new ByteArrayOutputStream();
            framed.write(0x02);
            framed.writeBytes(bytes);
            framed.write(0x03);
            List<TicFrame> frames = Corpus.decode(framed.toByteArray(), null);
            assertThat(frames).hasSize(1);
            decoded = frames.get(0);
        } else {
            List<TicFrame> frames = Corpus.decode(bytes, null);
            int index = Integer.parseInt(frame);
            assertThat(frames.size()).isGreaterThan(index);
            decoded = frames.get(index);
        }
        TicLabel l = TicLabel.byText(label);
        assertThat(l).as("known label " + label).isNotNull();
        assertThat(decoded.value(l)).isEqualTo(value);
        if (horodate != null) {
            assertThat(decoded.horodates().get(l)).isEqualTo(horodate);
        }
    }

    /** The rows of index.json: file, bytes, frames and frames without error under the specification's framing. */
    static Stream<Arguments> indexRows() throws Exception {
        JsonNode index = new ObjectMapper().readTree(Corpus.dir().resolve("index.json").toFile());
        List<Arguments> out = new ArrayList<>();
        for (JsonNode f : index.get("files")) {
            assertThat(f.get("licence").asText()).as("licence of " + f.get("file")).isNotBlank();
            out.add(Arguments.of(f.get("file").asText(), f.get("bytes").asInt(), f.get("strict").get("frames").asInt(),
                    f.get("strict").get("allValidFrames").asInt()));
        }
        assertThat(out).as("files listed in index.json").hasSizeGreaterThan(35);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {2} frames, {3} without error")
    @MethodSource("indexRows")
    void findsTheCompleteFramesTheIndexCounts(String file, int bytes, int frames, int allValid) {
        byte[] capture = Corpus.read(file);
        assertThat(capture).as("size of " + file).hasSize(bytes);
        List<TicFrame> decoded = Corpus.decode(capture, null);
        assertThat(decoded).hasSize(frames);
        // "all-valid": at least one group and none rejected (an empty STX ETX is a frame, not a valid one)
        assertThat(decoded.stream().filter(f -> f.errors() == 0 && !f.values().isEmpty()).count())
                .isEqualTo(allValid);
    }

    @Test
    void everyFileOfTheCorpusIsInTheIndex() throws Exception {
        List<Object> indexed = indexRows().map(a -> a.get()[0]).toList();
        assertThat(Corpus.files()).allSatisfy(f -> assertThat(indexed).contains(f));
    }

    @Test
    void standardCaptureDecodesTimeStatusAndTypedValues() {
        TicFrame f = Corpus.decode(Corpus.read("ticdecodecpp-std-base-1p.bin"), null).get(0);
        assertThat(f.mode()).isEqualTo(TicMode.STANDARD);
        assertThat(f.meterId()).isEqualTo("064468368739");
        // H = winter = UTC+1
        assertThat(f.meterTime()).isEqualTo(java.time.Instant.parse("2023-03-01T08:18:34Z"));
        assertThat(f.tariffOption()).isEqualTo("BASE");
        assertThat(f.period()).isEqualTo("T1");
        assertThat(f.apparentPower()).isEqualTo(240);
        assertThat(f.currents()).containsExactly(1);
        assertThat(f.voltages()).containsExactly(230);
        assertThat(f.subscribedPowerVa()).isEqualTo(4000);
        assertThat(f.energyRegisters()).containsEntry("EAST", 11887649L).containsEntry("EASF01", 11887649L)
                .containsEntry("EASD04", 0L).hasSize(15);
        StatusRegister s = f.status(); // 003A0001
        assertThat(s.dryContactOpen()).isTrue();
        assertThat(s.ticMode()).isEqualTo(TicMode.STANDARD);
        assertThat(s.supplierIndex()).isEqualTo(1);
        assertThat(s.cpl()).isEqualTo(StatusRegister.CplState.NEW_LOCK);
        assertThat(s.euridis()).isEqualTo(StatusRegister.EuridisState.ON_WITH_SECURITY);
    }

    @Test
    void tempoStandardCaptureHasPeakDaysAndColours() {
        TicFrame f = Corpus.decode(Corpus.read("ticmeter-std-tempo-1p.bin"), null).get(0);
        assertThat(f.errors()).isEqualTo(1); // the anonymised ADSC whose checksum was not recomputed
        assertThat(f.meterId()).isNull();
        StatusRegister s = f.status(); // 013AC401
        assertThat(s.tempoToday()).isEqualTo(StatusRegister.TempoColour.BLUE);
        assertThat(s.tempoTomorrow()).isEqualTo(StatusRegister.TempoColour.NONE);
        assertThat(s.supplierIndex()).isEqualTo(2);
        Horodate dpm2 = f.horodate(TicLabel.DPM2);
        assertThat(dpm2.season()).isEqualTo(Horodate.Season.NONE);
        assertThat(dpm2.instant()).isNull();
        assertThat(f.has(TicLabel.PPOINTE)).isTrue();
    }

    @Test
    void producerCaptureHasInjection() {
        TicFrame f = Corpus.decode(Corpus.read("ticmeter-std-producer-1p.bin"), null).get(0);
        assertThat(f.injectedPower()).isNotNull();
        assertThat(f.energyRegisters()).containsKeys("EAIT", "ERQ1", "ERQ2", "ERQ3", "ERQ4");
        assertThat(f.tariffOption()).isEqualTo("PRODUCTEUR");
    }

    @Test
    void historicThreePhaseCapture() {
        TicFrame f = Corpus.decode(Corpus.read("nextdom-issue24-hist-base-3p.bin"), null).get(0);
        assertThat(f.mode()).isEqualTo(TicMode.HISTORIC);
        assertThat(f.threePhase()).isTrue();
        assertThat(f.currents()).hasSize(3);
        assertThat(f.apparentPower()).isEqualTo(1095);
        assertThat(f.period()).isEqualTo("BASE");
        assertThat(f.subscribedPowerVa()).isEqualTo(f.number(TicLabel.ISOUSC).intValue() * 600);
    }

    @Test
    void historicTempoCaptureNormalisesThePeriod() {
        TicFrame f = Corpus.decode(Corpus.read("pyteleinfo-hist-tempo-1p-linky.bin"), null).get(0);
        assertThat(f.tariffOption()).isEqualTo("BBR(");
        assertThat(f.periodRaw()).isEqualTo(f.value(TicLabel.PTEC));
        assertThat(f.period()).isIn("HCJB", "HPJB", "HCJW", "HPJW", "HCJR", "HPJR");
        assertThat(f.energyRegisters()).hasSize(6);
    }

    @Test
    void pre2018LinkyWithDegradedClock() {
        TicFrame f = Corpus.decode(Corpus.read("yadoms-std-vtic01-1p.bin"), null).get(0);
        Horodate h = f.horodate(TicLabel.DATE);
        assertThat(h.clockDegraded()).isTrue();
        assertThat(h.season()).isEqualTo(Horodate.Season.WINTER);
        assertThat(h.instant()).isEqualTo(java.time.Instant.parse("2015-01-01T14:08:44Z"));
    }
}
