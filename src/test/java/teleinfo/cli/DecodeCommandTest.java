package teleinfo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import teleinfo.protocol.TicEncoder;
import teleinfo.protocol.TicFrame;
import teleinfo.protocol.TicFrameDecoder;
import teleinfo.testsupport.Corpus;

/** The {@code decode} command in process: its JSON lines and its counters (the packaged jar: DecodeCommandIT). */
class DecodeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Output(List<JsonNode> lines, String err) {
    }

    private static Output decode(byte[] input, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new DecodeCommand(new ByteArrayInputStream(input), new PrintStream(out, true, "UTF-8"),
                new PrintStream(err, true, "UTF-8")).run(args);
        assertThat(status).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return new Output(lines, err.toString(StandardCharsets.UTF_8));
    }

    /** What each line must say, built from the immutable frames the collector uses. */
    private static JsonNode expected(TicFrame f) {
        Map<String, Object> line = new LinkedHashMap<>();
        Map<String, String> groups = new LinkedHashMap<>();
        f.values().forEach((label, value) -> groups.put(label.text(), value));
        Map<String, String> dates = new LinkedHashMap<>();
        f.horodates().forEach((label, value) -> dates.put(label.text(), value));
        line.put("mode", f.mode().jsonName());
        line.put("groups", groups);
        line.put("dates", dates);
        line.put("errors", f.errors());
        return JSON.valueToTree(line);
    }

    @Test
    void everyCaptureGivesOneLinePerFrameWithTheFramesValues() throws Exception {
        for (String file : Corpus.files()) {
            byte[] bytes = Corpus.read(file);
            for (boolean lenient : new boolean[] {false, true}) {
                List<TicFrame> frames = new ArrayList<>();
                new TicFrameDecoder(null, lenient, f -> frames.add(f.toFrame())).feed(bytes);
                Output o = lenient ? decode(bytes, "--lenient", "-") : decode(bytes, "-");
                assertThat(o.lines()).as(file).hasSize(frames.size());
                for (int i = 0; i < frames.size(); i++) {
                    // same fields in the same order, values exactly as transmitted (quotes and backslashes escaped)
                    assertThat(o.lines().get(i).toString()).as(file + " frame " + i)
                            .isEqualTo(expected(frames.get(i)).toString());
                }
            }
        }
    }

    @Test
    void outputLongerThanTheWritersBufferComesOutWhole() throws Exception {
        byte[] capture = Corpus.read("ticdecodecpp-std-base-1p.bin"); // 12 frames, ~10 kB
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        for (int i = 0; i < 30; i++) {
            many.writeBytes(capture);
        }
        List<TicFrame> frames = Corpus.decode(many.toByteArray(), null);
        assertThat(frames).hasSizeGreaterThan(12 * 30);
        Output o = decode(many.toByteArray(), "-");
        assertThat(o.lines()).hasSize(frames.size());
        assertThat(o.lines().get(frames.size() - 1).toString()).isEqualTo(expected(frames.get(frames.size() - 1)).toString());
    }

    @Test
    void quotesAndBackslashesInFreeTextAreEscaped() throws Exception {
        String message = "say \"hi\" \\ bye                  ".substring(0, 32);
        byte[] frame = new TicEncoder().startFrame().standard("ADSC", null, "041876097451")
                .standard("MSG1", null, message).standard("MSG1", null, "PAS DE          MESSAGE         ")
                .endFrame().toBytes();
        Output o = decode(frame, "-");
        assertThat(o.lines()).hasSize(1);
        assertThat(o.lines().get(0).get("groups").get("MSG1").asText()).isEqualTo(message); // the first one counts
        assertThat(o.lines().get(0).get("groups").size()).isEqualTo(2);
    }

    @Test
    void theCountersAddUpToWhatTheLinesShow() throws Exception {
        for (String file : Corpus.files()) {
            Output o = decode(Corpus.read(file), "-");
            long groups = 0;
            long errors = 0;
            for (JsonNode line : o.lines()) {
                groups += line.get("groups").size();
                errors += line.get("errors").asLong();
            }
            Map<String, Long> counters = new LinkedHashMap<>();
            for (String pair : o.err().strip().split(" ")) {
                String[] kv = pair.split("=");
                counters.put(kv[0], Long.parseLong(kv[1]));
            }
            assertThat(counters.get("frames")).as(file).isEqualTo(o.lines().size());
            // a label sent twice in a frame is printed once: accepted groups can only exceed the printed ones
            assertThat(counters.get("groups_accepted")).as(file).isGreaterThanOrEqualTo(groups);
            if (o.lines().isEmpty()) {
                assertThat(counters.get("groups_accepted")).as(file).isZero();
            }
            assertThat(counters.get("checksum_errors") + counters.get("format_errors")).as(file).isEqualTo(errors);
        }
    }

    @Test
    void lenientRecoversTheFramesOfACaptureWhoseCarriageReturnsBecameLineFeeds() throws Exception {
        byte[] raw = Corpus.read("ticdecodecpp-hist-base-3p-2024-raw.bin");
        Output strict = decode(raw, "-");
        assertThat(strict.lines()).isEmpty();
        assertThat(strict.err()).contains("frames=0 groups_accepted=0 ");
        Output lenient = decode(raw, "--lenient", "-");
        assertThat(lenient.lines()).hasSize(4);
        assertThat(lenient.lines().get(0).get("groups").get("ADCO").asText()).isEqualTo("056234673197");
        assertThat(lenient.err()).contains("frames=4 groups_accepted=64 ").contains("checksum_errors=0");
    }
}
