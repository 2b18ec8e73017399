package teleinfo.collector;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import teleinfo.reading.Reading;

/**
 * A reading as the JSON of its spool file, byte for byte what {@code ReadingJson.mapper()} (Jackson) writes: fields in
 * the order of {@link Reading}, null fields left out, ISO-8601 instant. Written by hand so that the collector does not
 * load Jackson's ~500 classes (some 4 MB of a Pi's resident memory) to write one small object a minute.
 */
public final class ReadingWriter {
    private ReadingWriter() {
    }

    /** The same JSON as a string (what the MQTT reading topic carries). */
    public static String json(Reading r) {
        return new String(toJson(r), StandardCharsets.UTF_8);
    }

    static byte[] toJson(Reading r) {
        StringBuilder sb = new StringBuilder(512).append('{');
        boolean[] first = {true};
        string(sb, first, "meter", r.meter());
        if (r.time() != null) {
            name(sb, first, "time").append('"');
            DateTimeFormatter.ISO_INSTANT.formatTo(r.time(), sb);
            sb.append('"');
        }
        string(sb, first, "mode", r.mode());
        string(sb, first, "option", r.option());
        string(sb, first, "period", r.period());
        string(sb, first, "periodRaw", r.periodRaw());
        stats(sb, first, "power", r.power());
        stats(sb, first, "injection", r.injection());
        list(sb, first, "current", r.current());
        list(sb, first, "voltage", r.voltage());
        list(sb, first, "phasePower", r.phasePower());
        if (r.subscribed() != null) {
            name(sb, first, "subscribed").append(r.subscribed());
        }
        string(sb, first, "status", r.status());
        string(sb, first, "tomorrow", r.tomorrow());
        if (r.overload() != null) {
            name(sb, first, "overload").append(r.overload());
        }
        if (r.peakNotice() != null) {
            name(sb, first, "peakNotice").append(r.peakNotice());
        }
        if (r.registers() != null) {
            name(sb, first, "registers").append('{');
            boolean firstEntry = true;
            for (Map.Entry<String, Long> e : r.registers().entrySet()) {
                if (!firstEntry) {
                    sb.append(',');
                }
                firstEntry = false;
                quoted(sb, e.getKey()).append(':').append(e.getValue());
            }
            sb.append('}');
        }
        name(sb, first, "frames").append(r.frames());
        name(sb, first, "rejected").append(r.rejected());
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StringBuilder name(StringBuilder sb, boolean[] first, String name) {
        if (!first[0]) {
            sb.append(',');
        }
        first[0] = false;
        return quoted(sb, name).append(':');
    }

    private static void string(StringBuilder sb, boolean[] first, String name, String value) {
        if (value != null) {
            quoted(name(sb, first, name), value);
        }
    }

    private static void stats(StringBuilder sb, boolean[] first, String name, Reading.Stats s) {
        if (s != null) {
            name(sb, first, name).append("{\"avg\":").append(s.avg()).append(",\"min\":").append(s.min())
                    .append(",\"max\":").append(s.max()).append('}');
        }
    }

    private static void list(StringBuilder sb, boolean[] first, String name, List<Integer> values) {
        if (values != null) {
            name(sb, first, name).append('[');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(values.get(i));
            }
            sb.append(']');
        }
    }

    /** Jackson's escaping: quote, backslash, and control characters (short forms for \b \t \n \f \r). */
    private static StringBuilder quoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00").append(Character.forDigit(c >> 4, 16))
                                .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
