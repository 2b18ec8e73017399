package teleinfo.collector;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import teleinfo.reading.Reading;

/** Child process of {@link SpoolTest}: writes readings to a spool as fast as it can until it is killed. */
public final class SpoolWriterMain {
    private SpoolWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        Spool spool = new Spool(Path.of(args[0]));
        Instant t = Instant.parse(args[1]);
        for (int i = 0; ; i++) {
            Map<String, Long> registers = Map.of("HCHC", 12_345_678L + i, "HCHP", 2_345_678L);
            spool.write(new Reading("021528603314", t.plusSeconds(60L * i), "historic", "HC..", "HC", "HC..",
                    new Reading.Stats(500, 400, 600), null, List.of(2), List.of(), registers, 30, 0));
        }
    }
}
