package teleinfo.mqtt;

import java.math.BigDecimal;
import java.util.List;

/**
 * A small JSON object writer, so that the collector does not load Jackson (some 4 MB of a Pi's resident memory, see
 * ReadingWriter) to write a few small objects every interval. Keys are written in the order they are put.
 */
final class Json {
    private final StringBuilder sb = new StringBuilder(256).append('{');
    private boolean first = true;

    private StringBuilder key(String key) {
        if (!first) {
            sb.append(',');
        }
        first = false;
        return quote(sb, key).append(':');
    }

    Json put(String key, String value) {
        if (value == null) {
            key(key).append("null");
        } else {
            quote(key(key), value);
        }
        return this;
    }

    Json put(String key, long value) {
        key(key).append(value);
        return this;
    }

    Json put(String key, BigDecimal value) {
        key(key).append(value.toPlainString());
        return this;
    }

    Json put(String key, boolean value) {
        key(key).append(value);
        return this;
    }

    Json put(String key, Json object) {
        key(key).append(object);
        return this;
    }

    Json put(String key, List<String> values) {
        StringBuilder out = key(key).append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            quote(out, values.get(i));
        }
        out.append(']');
        return this;
    }

    @Override
    public String toString() {
        return sb + "}";
    }

    /** Quote, backslash and control characters escaped, as every JSON parser expects. */
    private static StringBuilder quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"');
    }
}
