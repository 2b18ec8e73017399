package teleinfo.collector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import teleinfo.protocol.TicFrame;
import teleinfo.protocol.TicLabel;
import teleinfo.protocol.TicMode;
import teleinfo.reading.Reading;

/** The frames of one meter in one clock minute, folded as they arrive into what becomes one {@link Reading}. */
public final class MinuteAggregate {
    private final String meter;
    private final Instant minute;
    private TicMode mode;
    private String option;
    private String period;
    private String periodRaw;
    private final Stats power = new Stats();
    private final Stats injection = new Stats();
    private final List<long[]> currents = new ArrayList<>();
    private final List<long[]> voltages = new ArrayList<>();
    private final List<long[]> phasePowers = new ArrayList<>();
    private Integer subscribed;
    private String status;
    private String tomorrow;
    private boolean overload;
    private boolean peakNotice;
    private final Map<String, Long> registers = new LinkedHashMap<>();
    private int frames;
    private int rejected;

    public MinuteAggregate(String meter, Instant minute) {
        this.meter = meter;
        this.minute = minute;
    }

    public String meter() {
        return meter;
    }

    /** A frame that passed the decoder and the plausibility check; its rejected groups are counted too. */
    public void accept(TicFrame frame) {
        frames++;
        rejected += frame.errors();
        mode = frame.mode();
        option = frame.tariffOption() != null ? frame.tariffOption() : option;
        period = frame.period() != null ? frame.period() : period;
        periodRaw = frame.periodRaw() != null ? frame.periodRaw() : periodRaw;
        power.add(frame.apparentPower());
        injection.add(frame.injectedPower());
        sum(currents, frame.currents());
        sum(voltages, frame.voltages());
        sum(phasePowers, frame.phasePowers());
        subscribed = frame.subscribedPowerVa() != null ? frame.subscribedPowerVa() : subscribed;
        status = frame.has(TicLabel.STGE) ? frame.value(TicLabel.STGE) : status;
        tomorrow = frame.has(TicLabel.DEMAIN) ? frame.value(TicLabel.DEMAIN) : tomorrow;
        overload |= frame.overload();
        peakNotice |= frame.has(TicLabel.PEJP);
        registers.putAll(frame.energyRegisters());
    }

    /** A whole frame refused (plausibility), or groups refused by the decoder in a frame that is not used. */
    public void reject(int count) {
        rejected += count;
    }

    /** Null when no frame of the minute was accepted: there is nothing to send. */
    public Reading toReading() {
        if (frames == 0 || registers.isEmpty()) {
            return null;
        }
        return new Reading(meter, minute, mode.jsonName(), option, period, periodRaw, power.toStats(),
                injection.toStats(), averages(currents), averages(voltages), new LinkedHashMap<>(registers), frames,
                rejected, phasePowers.isEmpty() ? null : averages(phasePowers), subscribed, status, tomorrow,
                overload ? Boolean.TRUE : null, peakNotice ? Boolean.TRUE : null);
    }

    /** Per phase: [sum, count]. */
    private static void sum(List<long[]> into, int[] values) {
        for (int i = 0; i < values.length; i++) {
            if (into.size() <= i) {
                into.add(new long[2]);
            }
            into.get(i)[0] += values[i];
            into.get(i)[1]++;
        }
    }

    private static List<Integer> averages(List<long[]> sums) {
        List<Integer> out = new ArrayList<>(sums.size());
        for (long[] s : sums) {
            out.add((int) Math.round((double) s[0] / s[1]));
        }
        return out;
    }

    private static final class Stats {
        private long sum;
        private int count;
        private int min = Integer.MAX_VALUE;
        private int max = Integer.MIN_VALUE;

        void add(Integer v) {
            if (v == null) {
                return;
            }
            sum += v;
            count++;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }

        Reading.Stats toStats() {
            return count == 0 ? null : new Reading.Stats((int) Math.round((double) sum / count), min, max);
        }
    }
}
