package teleinfo.server;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import teleinfo.protocol.TicLabel;

/**
 * Checks readings against the contract of docs/READING.md and turns them into {@link ReadingRow}s. The first
 * violation is reported as a 400 naming the field ({@code power.avg}, {@code current[1]}, {@code registers.HCHC})
 * and the index of the reading in the batch (0 for a single reading). Unknown fields are ignored (the contract grows
 * by optional fields). Nothing is partially accepted: one bad reading rejects the request.
 */
public final class ReadingValidator {
    /** ADCO/ADSC: 12 characters; 11 accepted too, as the decoder does for anonymised meters. Letters or digits only. */
    static final Pattern METER = Pattern.compile("[0-9A-Za-z]{11,12}");
    static final Set<String> MODES = Set.of("historic", "standard");
    static final Set<String> PERIODS = Set.of("BASE", "HP", "HC", "HN", "PM", "HPJB", "HCJB", "HPJW", "HCJW", "HPJR",
            "HCJR", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10");
    static final int MAX_TEXT = 16;
    static final int MAX_POWER = 999_999;
    static final int MAX_PHASE_VALUE = 999;
    static final int MAX_COUNT = 1_000_000;
    static final long MAX_FUTURE_SECONDS = 300;
    static final Pattern STATUS = Pattern.compile("[0-9A-F]{8}");
    static final Set<String> TOMORROW = Set.of("----", "BLEU", "BLAN", "ROUG");

    private final Clock clock;

    public ReadingValidator(Clock clock) {
        this.clock = clock;
    }

    public ReadingValidator() {
        this(Clock.systemUTC());
    }

    /** One reading (an object) or a batch (an array of 1 to maxBatch objects). */
    public List<ReadingRow> validate(JsonNode body, int maxBatch) {
        long now = clock.instant().getEpochSecond();
        if (body == null || body.isMissingNode()) {
            throw new ApiException(400, "empty body");
        }
        if (body.isObject()) {
            return List.of(reading(body, 0, now));
        }
        if (!body.isArray()) {
            throw new ApiException(400, "expected a reading (object) or an array of readings");
        }
        if (body.isEmpty()) {
            throw new ApiException(400, "empty array: no readings");
        }
        if (body.size() > maxBatch) {
            throw new ApiException(413, "batch of " + body.size() + " readings is over the limit of " + maxBatch);
        }
        List<ReadingRow> rows = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            rows.add(reading(body.get(i), i, now));
        }
        return rows;
    }

    /** The current time as the validator sees it (epoch seconds): readings later than this are refused. */
    long now() {
        return clock.instant().getEpochSecond();
    }

    /** Reading number index of a batch (an error names it), as {@link #validate} checks each one. */
    ReadingRow reading(JsonNode r, int index, long now) {
        if (!r.isObject()) {
            throw new ApiException(400, "expected an object", null, index);
        }
        Checker c = new Checker(r, index);
        String meter = c.text("meter", true, 12);
        if (!METER.matcher(meter).matches()) {
            throw c.bad("meter", "must be 11 or 12 letters or digits");
        }
        long t = c.time("time", now);
        String mode = c.text("mode", true, MAX_TEXT);
        if (!MODES.contains(mode)) {
            throw c.bad("mode", "must be historic or standard");
        }
        String option = c.text("option", false, MAX_TEXT);
        String period = c.text("period", true, MAX_TEXT);
        if (!PERIODS.contains(period)) {
            throw c.bad("period", "must be one of BASE, HP, HC, HN, PM, HPJB, HCJB, HPJW, HCJW, HPJR, HCJR, T1…T10");
        }
        String periodRaw = c.text("periodRaw", false, MAX_TEXT);
        // historic mode: OPTARIF and PTEC have closed vocabularies, so nothing else is what a meter sent (e.g. a
        // spreadsheet formula, issue 9); standard mode's NGTF and LTARF are free text, printable ASCII as checked above
        if (mode.equals("historic") && option != null && !TicLabel.OPTARIF.acceptsValue(option)) {
            throw c.bad("option", "is not a historic tariff option (BASE, HC.., EJP., BBR + a programme character)");
        }
        if (mode.equals("historic") && periodRaw != null && !TicLabel.PTEC.acceptsValue(periodRaw)) {
            throw c.bad("periodRaw", "is not a historic tariff period (TH.., HC.., HP.., HN.., PM.., HCJB...HPJR)");
        }
        int[] power = c.stats("power", true);
        int[] injection = c.stats("injection", false);
        Integer[] current = c.phases("current", true, false, MAX_PHASE_VALUE);
        Integer[] voltage = c.phases("voltage", false, true, MAX_PHASE_VALUE);
        if (voltage != null && mode.equals("historic")) {
            throw c.bad("voltage", "must be empty in historic mode");
        }
        long[] registers = c.registers("registers");
        int frames = c.integer(r.get("frames"), "frames", 1, MAX_COUNT);
        int rejected = c.integer(r.get("rejected"), "rejected", 0, MAX_COUNT);
        Integer[] phasePower = c.phases("phasePower", false, true, MAX_POWER);
        if (phasePower != null && phasePower[1] == null) {
            throw c.bad("phasePower", "must have 0 or 3 values");
        }
        Integer subscribed = r.hasNonNull("subscribed")
                ? c.integer(r.get("subscribed"), "subscribed", 0, MAX_POWER) : null;
        String status = c.text("status", false, 8);
        if (status != null && !STATUS.matcher(status).matches()) {
            throw c.bad("status", "must be 8 hexadecimal digits (STGE)");
        }
        String tomorrow = c.text("tomorrow", false, 4);
        if (tomorrow != null && !TOMORROW.contains(tomorrow)) {
            throw c.bad("tomorrow", "must be ----, BLEU, BLAN or ROUG (DEMAIN)");
        }
        boolean overload = c.flag("overload");
        boolean peakNotice = c.flag("peakNotice");
        return new ReadingRow(meter, t, mode, option, period, periodRaw, power[0], power[1], power[2],
                injection == null ? null : injection[0], injection == null ? null : injection[1],
                injection == null ? null : injection[2], current, voltage, frames, rejected, registers,
                new ReadingRow.Details(phasePower, subscribed, status, tomorrow, overload, peakNotice));
    }

    /** Field checks of one reading; each failure names the field and the reading's index. */
    private static final class Checker {
        private final JsonNode r;
        private final int index;

        Checker(JsonNode r, int index) {
            this.r = r;
            this.index = index;
        }

        ApiException bad(String field, String why) {
            return new ApiException(400, field + " " + why, field, index);
        }

        private static boolean absent(JsonNode v) {
            return v == null || v.isNull();
        }

        String text(String field, boolean required, int maxLength) {
            JsonNode v = r.get(field);
            if (absent(v)) {
                if (required) {
                    throw bad(field, "is required");
                }
                return null;
            }
            if (!v.isTextual()) {
                throw bad(field, "must be a string");
            }
            String s = v.textValue();
            if (s.isEmpty() || s.length() > maxLength) {
                throw bad(field, "must have 1 to " + maxLength + " characters");
            }
            // TIC values are printable ASCII; anything else is refused rather than risked on a latin1 column
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch < 0x20 || ch > 0x7E) {
                    throw bad(field, "must be printable ASCII");
                }
            }
            return s;
        }

        long time(String field, long now) {
            String s = text(field, true, 40);
            Instant time;
            try {
                time = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw bad(field, "must be an ISO-8601 time such as 2026-11-29T21:09:00Z");
            }
            if (time.getNano() != 0 || time.getEpochSecond() % 60 != 0) {
                throw bad(field, "must be on a minute (seconds = 0)");
            }
            if (time.getEpochSecond() > now + MAX_FUTURE_SECONDS) {
                throw bad(field, "is more than 5 minutes in the future");
            }
            if (time.getEpochSecond() < 0) {
                throw bad(field, "is before 1970");
            }
            return time.getEpochSecond();
        }

        int integer(JsonNode v, String field, long min, long max) {
            if (absent(v)) {
                throw bad(field, "is required");
            }
            if (!v.isIntegralNumber()) {
                throw bad(field, "must be an integer");
            }
            if (!v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
                throw bad(field, "must be between " + min + " and " + max);
            }
            return (int) v.longValue();
        }

        /** An optional boolean: absent or null is false. */
        boolean flag(String field) {
            JsonNode v = r.get(field);
            if (absent(v)) {
                return false;
            }
            if (!v.isBoolean()) {
                throw bad(field, "must be true or false");
            }
            return v.booleanValue();
        }

        /** avg, min, max with min ≤ avg ≤ max. */
        int[] stats(String field, boolean required) {
            JsonNode v = r.get(field);
            if (absent(v)) {
                if (required) {
                    throw bad(field, "is required");
                }
                return null;
            }
            if (!v.isObject()) {
                throw bad(field, "must be an object {avg, min, max}");
            }
            int avg = integer(v.get("avg"), field + ".avg", 0, MAX_POWER);
            int min = integer(v.get("min"), field + ".min", 0, MAX_POWER);
            int max = integer(v.get("max"), field + ".max", 0, MAX_POWER);
            if (min > avg) {
                throw bad(field + ".min", "must not be above avg");
            }
            if (avg > max) {
                throw bad(field + ".max", "must not be below avg");
            }
            return new int[] {avg, min, max};
        }

        /** 1 or 3 values (or none, when allowed); null when none. */
        Integer[] phases(String field, boolean required, boolean emptyAllowed, int max) {
            JsonNode v = r.get(field);
            if (absent(v) && !required) {
                return null;
            }
            if (absent(v)) {
                throw bad(field, "is required");
            }
            if (!v.isArray()) {
                throw bad(field, "must be an array");
            }
            int n = v.size();
            if (n == 0 && emptyAllowed) {
                return null;
            }
            if (n != 1 && n != 3) {
                throw bad(field, emptyAllowed ? "must have 0, 1 or 3 values" : "must have 1 or 3 values");
            }
            Integer[] values = new Integer[3];
            for (int i = 0; i < n; i++) {
                values[i] = integer(v.get(i), field + "[" + i + "]", 0, max);
            }
            return values;
        }

        long[] registers(String field) {
            JsonNode v = r.get(field);
            if (absent(v)) {
                throw bad(field, "is required");
            }
            if (!v.isObject()) {
                throw bad(field, "must be an object");
            }
            if (v.isEmpty()) {
                throw bad(field, "must hold at least one register");
            }
            long[] values = new long[Registers.COUNT];
            Arrays.fill(values, ReadingRow.NO_VALUE);
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int i = Registers.indexOf(e.getKey());
                if (i < 0) {
                    // the name is client text: keep it out of the field path unless it is harmless
                    String name = e.getKey().matches("[A-Za-z0-9]{1,16}") ? e.getKey() : "?";
                    throw bad(field + "." + name, "is not a known register");
                }
                JsonNode x = e.getValue();
                String name = field + "." + e.getKey();
                if (absent(x) || !x.isIntegralNumber()) {
                    throw bad(name, "must be an integer");
                }
                if (!x.canConvertToLong() || x.longValue() < 0 || x.longValue() > Registers.MAX_VALUE) {
                    throw bad(name, "must be between 0 and " + Registers.MAX_VALUE);
                }
                values[i] = x.longValue();
            }
            return values;
        }
    }
}
