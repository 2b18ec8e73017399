package teleinfo.collector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import teleinfo.protocol.TicFrame;
import teleinfo.protocol.TicFrameDecoder;
import teleinfo.protocol.TicLabel;
import teleinfo.protocol.TicMode;
import teleinfo.simulator.MeterSimulator;

/** Real frames for the tests: simulator bytes through the project's decoder. */
final class Frames {
    private final MeterSimulator simulator;

    Frames(TicMode mode) {
        this(mode, false);
    }

    Frames(TicMode mode, boolean threePhase) {
        this(MeterSimulator.Config.defaults(mode, threePhase));
    }

    Frames(MeterSimulator.Config config) {
        this.simulator = new MeterSimulator(config);
    }

    String meter() {
        return simulator.config().meterId();
    }

    TicFrame at(Instant t) {
        List<TicFrame> out = new ArrayList<>();
        new TicFrameDecoder(null, f -> out.add(f.toFrame())).feed(simulator.frameAt(t));
        return out.get(0);
    }

    /** The same frame with one value replaced, as if a wrong digit had slipped past the checksum. */
    static TicFrame withValue(TicFrame frame, TicLabel label, String value) {
        Map<TicLabel, String> values = new LinkedHashMap<>(frame.values());
        values.put(label, value);
        return new TicFrame(frame.mode(), values, new LinkedHashMap<>(frame.horodates()),
                new LinkedHashMap<>(frame.unknownGroups()), frame.errors());
    }
}
