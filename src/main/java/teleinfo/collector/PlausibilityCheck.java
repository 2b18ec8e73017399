package teleinfo.collector;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import teleinfo.protocol.TicFrame;

/**
 * Rejects a frame whose energy registers cannot be right: a register lower than the last accepted value, or higher
 * by more than the subscribed power could have drawn since then (times a safety margin, plus a few Wh for the
 * registers' resolution). A wrong digit that slips past the 6-bit checksum is caught here before it ruins a day's
 * total.
 *
 * <p>The reference is the last accepted frame of each meter. If the reference itself was the wrong one (the very
 * first frame after a start can be), every later frame would be rejected: after {@code rebaseAfter} rejections in a
 * row the check takes the current frame as its new reference. Not thread-safe: one instance per frame stream.
 */
public final class PlausibilityCheck {
    /** Used when a frame carries neither ISOUSC nor PREF: the largest residential subscription. */
    static final int DEFAULT_SUBSCRIBED_VA = 36_000;
    static final long SLACK_WH = 10;

    private final double margin;
    private final int rebaseAfter;
    private final Map<String, Reference> references = new HashMap<>();

    private record Reference(Instant time, Map<String, Long> registers, int rejectedInARow) {
    }

    public PlausibilityCheck(double margin, int rebaseAfter) {
        if (!(margin >= 1)) {
            throw new IllegalArgumentException("margin must be >= 1");
        }
        this.margin = margin;
        this.rebaseAfter = rebaseAfter;
    }

    /** @return null when the frame is plausible (it becomes the reference), else why it is not */
    public String check(String meter, TicFrame frame, Instant time) {
        Map<String, Long> registers = frame.energyRegisters();
        Reference ref = references.get(meter);
        if (ref == null || registers.isEmpty()) {
            if (!registers.isEmpty()) {
                references.put(meter, new Reference(time, registers, 0));
            }
            return null;
        }
        String reason = implausible(ref, frame, registers, time);
        if (reason == null || ref.rejectedInARow() + 1 >= rebaseAfter) {
            Map<String, Long> merged = new HashMap<>(ref.registers());
            merged.putAll(registers);
            references.put(meter, new Reference(time, merged, 0));
            return null;
        }
        references.put(meter, new Reference(ref.time(), ref.registers(), ref.rejectedInARow() + 1));
        return reason;
    }

    private String implausible(Reference ref, TicFrame frame, Map<String, Long> registers, Instant time) {
        Integer subscribed = frame.subscribedPowerVa();
        double va = subscribed == null || subscribed <= 0 ? DEFAULT_SUBSCRIBED_VA : subscribed;
        double hours = Math.max(0, Duration.between(ref.time(), time).toMillis()) / 3_600_000.0;
        long allowed = (long) (va * hours * margin) + SLACK_WH;
        for (Map.Entry<String, Long> e : registers.entrySet()) {
            Long before = ref.registers().get(e.getKey());
            if (before == null) {
                continue;
            }
            long delta = e.getValue() - before;
            if (delta < 0) {
                return e.getKey() + " went backwards from " + before + " to " + e.getValue();
            }
            if (delta > allowed) {
                return e.getKey() + " rose by " + delta + " Wh, more than the " + allowed + " Wh possible since "
                        + ref.time();
            }
        }
        return null;
    }
}
