package teleinfo.protocol;

import java.util.Locale;

/**
 * Normalised current tariff period: {@code BASE HP HC HN PM HPJB HCJB HPJW HCJW HPJR HCJR} from historic PTEC,
 * {@code T1..T10} from standard-mode NTARF (the supplier index in use).
 */
public final class TariffPeriod {
    private TariffPeriod() {
    }

    /** PTEC as transmitted ({@code TH..}, {@code HC..}, {@code HPJB}, ...) to its normalised name, or null. */
    public static String fromPtec(String ptec) {
        if (ptec == null) {
            return null;
        }
        switch (ptec) {
            case "TH..": return "BASE";
            case "HC..": return "HC";
            case "HP..": return "HP";
            case "HN..": return "HN";
            case "PM..": return "PM";
            case "HCJB": case "HPJB": case "HCJW": case "HPJW": case "HCJR": case "HPJR": return ptec;
            default: return null;
        }
    }

    /** NTARF ({@code 01}..{@code 10}) to {@code T1}..{@code T10}, or null. */
    public static String fromNtarf(String ntarf) {
        if (ntarf == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(ntarf);
            return n >= 1 && n <= 10 ? "T" + n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The energy register that counts the given normalised period, for a historic or standard meter. */
    public static String registerOf(String period) {
        if (period == null) {
            return null;
        }
        switch (period) {
            case "BASE": return "BASE";
            case "HC": return "HCHC";
            case "HP": return "HCHP";
            case "HN": return "EJPHN";
            case "PM": return "EJPHPM";
            default:
                if (period.startsWith("HCJ") || period.startsWith("HPJ")) {
                    return "BBR" + period;
                }
                if (period.startsWith("T")) {
                    return String.format(Locale.ROOT, "EASF%02d", Integer.parseInt(period.substring(1)));
                }
                return null;
        }
    }

    /** The normalised period an energy register counts: the inverse of {@link #registerOf(String)}, or null. */
    public static String periodOfRegister(String register) {
        switch (register) {
            case "BASE": return "BASE";
            case "HCHC": return "HC";
            case "HCHP": return "HP";
            case "EJPHN": return "HN";
            case "EJPHPM": return "PM";
            default:
                if (register.startsWith("BBR")) {
                    return register.substring(3);
                }
                if (register.startsWith("EASF")) {
                    return "T" + Integer.parseInt(register.substring(4));
                }
                return null;
        }
    }
}
