package teleinfo.web;

import java.util.HashMap;
import java.util.Map;

/** The names the user gives the meters ({@code web.meter.names}: {@code METER:Name,...}), shown by the selector. */
public final class MeterNames {
    private final Map<String, String> names;

    private MeterNames(Map<String, String> names) {
        this.names = names;
    }

    public static MeterNames parse(String setting) {
        return new MeterNames(entries("web.meter.names", "METER:Name", setting));
    }

    /** A setting of the form {@code KEY:Name,...} (names and periods): key → name; blank: none. */
    static Map<String, String> entries(String key, String form, String setting) {
        Map<String, String> names = new HashMap<>();
        if (setting != null && !setting.isBlank()) {
            for (String entry : setting.split(",")) {
                int colon = entry.indexOf(':');
                if (colon <= 0 || entry.substring(colon + 1).isBlank()) {
                    throw new IllegalArgumentException(key + ": expected " + form + ", not '" + entry.strip() + "'");
                }
                names.put(entry.substring(0, colon).strip(), entry.substring(colon + 1).strip());
            }
        }
        return names;
    }

    /** The user's name of the meter, or null. */
    public String name(String meter) {
        return names.get(meter);
    }
}
