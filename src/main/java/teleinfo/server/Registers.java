package teleinfo.server;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The energy registers a reading may carry (docs/READING.md), in the order of their {@code e_<name>} columns. */
public final class Registers {
    public static final List<String> NAMES = List.of(
            "BASE", "HCHC", "HCHP", "EJPHN", "EJPHPM",
            "BBRHCJB", "BBRHPJB", "BBRHCJW", "BBRHPJW", "BBRHCJR", "BBRHPJR",
            "EAST", "EASF01", "EASF02", "EASF03", "EASF04", "EASF05", "EASF06", "EASF07", "EASF08", "EASF09", "EASF10",
            "EASD01", "EASD02", "EASD03", "EASD04", "EAIT", "ERQ1", "ERQ2", "ERQ3", "ERQ4");

    public static final int COUNT = NAMES.size();
    public static final long MAX_VALUE = 999_999_999L;

    private static final Map<String, Integer> INDEX = new HashMap<>();

    static {
        for (int i = 0; i < COUNT; i++) {
            INDEX.put(NAMES.get(i), i);
        }
    }

    private Registers() {
    }

    /** Position of a register name, or -1 when it is not a register. */
    public static int indexOf(String name) {
        Integer i = INDEX.get(name);
        return i == null ? -1 : i;
    }

    /** The column of register i: {@code e_hchc}. */
    public static String column(int i) {
        return "e_" + NAMES.get(i).toLowerCase(Locale.ROOT);
    }
}
