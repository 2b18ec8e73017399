package teleinfo.reading;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One meter, one clock minute: the contract between the collector and the ingestion endpoint
 * (docs/READING.md). Serialised with Jackson exactly as the document shows; optional fields are left out when null.
 *
 * @param meter     ADCO or ADSC, as sent
 * @param time      start of the minute, UTC, seconds = 0
 * @param mode      {@code historic} or {@code standard}
 * @param option    OPTARIF, or NGTF trimmed (optional)
 * @param period    normalised tariff period (BASE, HP, HC, HN, PM, HPJB..HCJR, T1..T10)
 * @param periodRaw PTEC or LTARF as sent (optional)
 * @param power     apparent power drawn, VA
 * @param injection apparent power injected, VA (producers only, optional)
 * @param current   A per phase, 1 or 3 values
 * @param voltage   V per phase, 0, 1 or 3 values
 * @param registers energy registers, Wh (varh for ERQ1-4), last accepted value of the minute
 * @param frames    frames accepted in the minute
 * @param rejected  groups rejected in the minute (checksum, format, plausibility)
 * @param phasePower apparent power per phase, VA (SINSTS1-3, standard three-phase meters), optional
 * @param subscribed subscribed power, VA (PREF x 1000, or ISOUSC x 200 V, x 3 on three-phase meters), optional
 * @param status     STGE as sent, last of the minute (standard mode), optional
 * @param tomorrow   DEMAIN as sent, last of the minute (historic Tempo), optional
 * @param overload   true when a frame of the minute signalled an overload (ADPS, ADIR1-3, or STGE bit 7); else null
 * @param peakNotice true when a frame of the minute carried the EJP notice (PEJP); else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"meter", "time", "mode", "option", "period", "periodRaw", "power", "injection", "current",
        "voltage", "phasePower", "subscribed", "status", "tomorrow", "overload", "peakNotice", "registers", "frames",
        "rejected"})
public record Reading(
        String meter,
        Instant time,
        String mode,
        String option,
        String period,
        String periodRaw,
        Stats power,
        Stats injection,
        List<Integer> current,
        List<Integer> voltage,
        Map<String, Long> registers,
        int frames,
        int rejected,
        List<Integer> phasePower,
        Integer subscribed,
        String status,
        String tomorrow,
        Boolean overload,
        Boolean peakNotice) {

    /** A reading with none of the optional fields added for the page (issue 12). */
    public Reading(String meter, Instant time, String mode, String option, String period, String periodRaw,
            Stats power, Stats injection, List<Integer> current, List<Integer> voltage, Map<String, Long> registers,
            int frames, int rejected) {
        this(meter, time, mode, option, period, periodRaw, power, injection, current, voltage, registers, frames,
                rejected, null, null, null, null, null, null);
    }

    /** Average, minimum and maximum over the accepted frames of the minute. */
    @JsonPropertyOrder({"avg", "min", "max"})
    public record Stats(int avg, int min, int max) {
    }
}
