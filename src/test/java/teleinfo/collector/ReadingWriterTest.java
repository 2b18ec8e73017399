package teleinfo.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import teleinfo.reading.Reading;
import teleinfo.reading.ReadingJson;

/** The hand-written spool JSON is byte for byte what Jackson writes for the same reading. */
class ReadingWriterTest {
    private final ObjectMapper jackson = ReadingJson.mapper();

    @Test
    void sameBytesAsJackson() throws Exception {
        Random random = new Random(3);
        String[] texts = {null, "", "BASE", "BBR(", "HC..", "HEURE  CREUSE", "TEMPO", "quote\" back\\slash /",
            "ctl\u0000\u0001\b\t\n\u000b\f\r\u001f\u007f", "accentué €", "H PLEINE/CREUSE"};
        for (int i = 0; i < 2000; i++) {
            Map<String, Long> registers = null;
            if (random.nextInt(5) > 0) {
                registers = new LinkedHashMap<>();
                for (String label : List.of("BASE", "EAST", "EASF01", "EASF02", "HCHC", "HCHP", "ERQ1", "EAIT")) {
                    if (random.nextBoolean()) {
                        registers.put(label, random.nextLong() >>> random.nextInt(64));
                    }
                }
            }
            Reading r = new Reading(
                    random.nextInt(10) == 0 ? null : String.format("%012d", random.nextLong() >>> 25),
                    random.nextInt(10) == 0 ? null : Instant.ofEpochSecond(random.nextInt() & 0x7fffffffL)
                            .plusMillis(random.nextInt(3) == 0 ? random.nextInt(1000) : 0),
                    pick(random, new String[] {null, "historic", "standard"}),
                    pick(random, texts), pick(random, texts), pick(random, texts),
                    random.nextBoolean() ? null : new Reading.Stats(random.nextInt(), random.nextInt(), random.nextInt()),
                    random.nextBoolean() ? null : new Reading.Stats(random.nextInt(36000), 0, random.nextInt(36000)),
                    ints(random), ints(random), registers, random.nextInt(), random.nextInt(100));
            assertThat(new String(ReadingWriter.toJson(r), "UTF-8"))
                    .isEqualTo(new String(jackson.writeValueAsBytes(r), "UTF-8"));
            assertThat(ReadingWriter.toJson(r)).isEqualTo(jackson.writeValueAsBytes(r));
        }
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static List<Integer> ints(Random random) {
        switch (random.nextInt(5)) {
            case 0:
                return null;
            case 1:
                return List.of();
            case 2:
                return List.of(random.nextInt(90));
            case 3:
                return Arrays.asList(random.nextInt(), null, -random.nextInt(400));
            default:
                return List.of(230, 231, 229);
        }
    }
}
