package teleinfo.protocol;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One decoded, validated frame: the accepted groups in order of emission, their horodates, the well-formed groups
 * with an unknown label (kept apart), the number of rejected groups, and typed access for the rest of the system.
 */
public final class TicFrame {
    private static final TicLabel[] HISTORIC_CURRENTS_3P = {TicLabel.IINST1, TicLabel.IINST2, TicLabel.IINST3};
    private static final TicLabel[] STANDARD_CURRENTS = {TicLabel.IRMS1, TicLabel.IRMS2, TicLabel.IRMS3};
    private static final TicLabel[] VOLTAGES = {TicLabel.URMS1, TicLabel.URMS2, TicLabel.URMS3};
    private static final TicLabel[] PHASE_POWERS = {TicLabel.SINSTS1, TicLabel.SINSTS2, TicLabel.SINSTS3};
    private static final TicLabel[] OVERLOADS = {TicLabel.ADPS, TicLabel.ADIR1, TicLabel.ADIR2, TicLabel.ADIR3};

    private final TicMode mode;
    private final Map<TicLabel, String> values;
    private final Map<TicLabel, String> horodates;
    private final Map<String, String> unknown;
    private final int errors;

    public TicFrame(TicMode mode, Map<TicLabel, String> values, Map<TicLabel, String> horodates,
            Map<String, String> unknown, int errors) {
        this.mode = mode;
        this.values = Collections.unmodifiableMap(values);
        this.horodates = Collections.unmodifiableMap(horodates);
        this.unknown = Collections.unmodifiableMap(unknown);
        this.errors = errors;
    }

    /** Null when the frame has no accepted group. */
    public TicMode mode() {
        return mode;
    }

    /** Accepted groups, label to value exactly as transmitted, in order of emission. */
    public Map<TicLabel, String> values() {
        return values;
    }

    /** Horodates of the accepted horodated groups, exactly as transmitted. */
    public Map<TicLabel, String> horodates() {
        return horodates;
    }

    /** Well-formed groups with valid checksums whose label neither specification defines. */
    public Map<String, String> unknownGroups() {
        return unknown;
    }

    /** Groups of this frame that were rejected (checksum or format). */
    public int errors() {
        return errors;
    }

    public String value(TicLabel label) {
        return values.get(label);
    }

    public boolean has(TicLabel label) {
        return values.containsKey(label);
    }

    /** Value of a numeric label, or null when absent. */
    public Long number(TicLabel label) {
        String v = values.get(label);
        return v == null ? null : Long.parseLong(v);
    }

    public Horodate horodate(TicLabel label) {
        String h = horodates.get(label);
        return h == null ? null : Horodate.parse(h);
    }

    // ---- typed access

    /** ADCO (historic) or ADSC (standard). */
    public String meterId() {
        String id = values.get(TicLabel.ADCO);
        return id != null ? id : values.get(TicLabel.ADSC);
    }

    /** OPTARIF, or NGTF trimmed. */
    public String tariffOption() {
        String option = values.get(TicLabel.OPTARIF);
        if (option != null) {
            return option;
        }
        String ngtf = values.get(TicLabel.NGTF);
        return ngtf == null ? null : ngtf.trim();
    }

    /** PTEC or LTARF as transmitted. */
    public String periodRaw() {
        String ptec = values.get(TicLabel.PTEC);
        return ptec != null ? ptec : values.get(TicLabel.LTARF);
    }

    /** Normalised period: BASE, HP, HC, HN, PM, HPJB..HCJR (historic) or T1..T10 (standard, from NTARF). */
    public String period() {
        if (mode == TicMode.STANDARD) {
            return TariffPeriod.fromNtarf(values.get(TicLabel.NTARF));
        }
        return TariffPeriod.fromPtec(values.get(TicLabel.PTEC));
    }

    /** Apparent power drawn, VA (PAPP or SINSTS); null if absent. */
    public Integer apparentPower() {
        Long v = number(TicLabel.PAPP);
        if (v == null) {
            v = number(TicLabel.SINSTS);
        }
        return v == null ? null : v.intValue();
    }

    /** Apparent power injected, VA (SINSTI); null unless a producer. */
    public Integer injectedPower() {
        Long v = number(TicLabel.SINSTI);
        return v == null ? null : v.intValue();
    }

    public boolean threePhase() {
        return has(TicLabel.IINST2) || has(TicLabel.IINST3) || has(TicLabel.IRMS2) || has(TicLabel.IRMS3)
                || has(TicLabel.URMS2);
    }

    /** Current per phase, A: IINST, IINST1-3 or IRMS1-3; empty when none was received. */
    public int[] currents() {
        if (has(TicLabel.IINST)) {
            return new int[] {number(TicLabel.IINST).intValue()};
        }
        int[] historic = present(HISTORIC_CURRENTS_3P);
        return historic.length > 0 ? historic : present(STANDARD_CURRENTS);
    }

    /** Voltage per phase, V (URMS1-3, standard mode only). */
    public int[] voltages() {
        return present(VOLTAGES);
    }

    /** Apparent power per phase, VA (SINSTS1-3, standard three-phase meters only). */
    public int[] phasePowers() {
        return present(PHASE_POWERS);
    }

    /**
     * An overload signalled by the meter: ADPS (historic single-phase), ADIR1-3 (historic three-phase), or the
     * "reference power exceeded" bit of STGE (standard mode).
     */
    public boolean overload() {
        for (TicLabel l : OVERLOADS) {
            if (has(l)) {
                return true;
            }
        }
        StatusRegister status = status();
        return status != null && status.referencePowerExceeded();
    }

    private int[] present(TicLabel[] labels) {
        int n = 0;
        for (TicLabel l : labels) {
            if (has(l)) {
                n++;
            }
        }
        int[] out = new int[n];
        int k = 0;
        for (TicLabel l : labels) {
            if (has(l)) {
                out[k++] = number(l).intValue();
            }
        }
        return out;
    }

    /** Every energy register of the frame, label text to Wh (varh for ERQ1-4), in order of emission. */
    public Map<String, Long> energyRegisters() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<TicLabel, String> e : values.entrySet()) {
            if (e.getKey().isEnergyRegister()) {
                out.put(e.getKey().text(), Long.parseLong(e.getValue()));
            }
        }
        return out;
    }

    /**
     * Subscribed power in VA: PREF (kVA) in standard mode; ISOUSC (A) x 200 V in historic mode, x 3 on three-phase
     * meters ([54E] 6.1: ISOUSC = PREF / 200 V, a third of it per phase). Null if the frame has neither.
     */
    public Integer subscribedPowerVa() {
        Long pref = number(TicLabel.PREF);
        if (pref != null) {
            return (int) (pref * 1000);
        }
        Long isousc = number(TicLabel.ISOUSC);
        if (isousc == null) {
            return null;
        }
        return (int) (isousc * 200 * (threePhase() ? 3 : 1));
    }

    /** The meter's clock (standard-mode DATE) as an exact instant, or null. */
    public Instant meterTime() {
        Horodate h = horodate(TicLabel.DATE);
        return h == null ? null : h.instant();
    }

    /** The decoded STGE status register, or null. */
    public StatusRegister status() {
        String stge = values.get(TicLabel.STGE);
        return stge == null ? null : StatusRegister.parse(stge);
    }

    @Override
    public String toString() {
        return "TicFrame{" + mode + ", " + values.size() + " groups, errors=" + errors + "}";
    }
}
