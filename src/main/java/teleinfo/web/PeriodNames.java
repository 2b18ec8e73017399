package teleinfo.web;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names of tariff periods in the meter's own words, and what they mean for prices and Tempo colours. Standard
 * mode: LTARF as the meter sends it ("HEURES CREUSES" → "Heures creuses"); historic mode: PTEC mapped by its
 * meaning ("HC.." → "Heures creuses", "HPJB" → "Tempo bleu HP"). The user may rename any period in the settings
 * ({@code web.period.names}: {@code PERIOD:Name} for every meter, {@code METER/PERIOD:Name} for one). These are the
 * contract's own (French) names: the page shows them as they are in both of its languages.
 */
public final class PeriodNames {
    /** The periods of the price file: the historic codes, which standard-mode names map to. */
    public static final List<String> PRICE_PERIODS = List.of("BASE", "HP", "HC", "HN", "PM", "HPJB", "HCJB", "HPJW",
            "HCJW", "HPJR", "HCJR");

    private static final Map<String, String> HISTORIC = Map.ofEntries(
            Map.entry("BASE", "Base"), Map.entry("HC", "Heures creuses"), Map.entry("HP", "Heures pleines"),
            Map.entry("HN", "Heures normales"), Map.entry("PM", "Pointe mobile"),
            Map.entry("HCJB", "Tempo bleu HC"), Map.entry("HPJB", "Tempo bleu HP"),
            Map.entry("HCJW", "Tempo blanc HC"), Map.entry("HPJW", "Tempo blanc HP"),
            Map.entry("HCJR", "Tempo rouge HC"), Map.entry("HPJR", "Tempo rouge HP"));

    private final Map<String, String> renamed;

    private PeriodNames(Map<String, String> renamed) {
        this.renamed = renamed;
    }

    /** {@code [METER/]PERIOD:Name,...} from the settings; blank: no renaming. */
    public static PeriodNames parse(String setting) {
        Map<String, String> renamed = new HashMap<>();
        MeterNames.entries("web.period.names", "[METER/]PERIOD:Name", setting)
                .forEach((k, name) -> renamed.put(k.toUpperCase(Locale.ROOT), name));
        return new PeriodNames(renamed);
    }

    /** The name of a period of a meter: renamed in the settings, else the meter's words, else the code. */
    public String name(String meter, String period, String periodRaw) {
        String own = renamed.get(meter.toUpperCase(Locale.ROOT) + "/" + period);
        if (own == null) {
            own = renamed.get(period);
        }
        return own != null ? own : fromMeter(period, periodRaw);
    }

    /** What the meter says: LTARF in standard mode (T1..T10), PTEC's meaning in historic mode. */
    public static String fromMeter(String period, String periodRaw) {
        String historic = HISTORIC.get(period);
        if (historic != null) {
            return historic;
        }
        if (periodRaw != null && !periodRaw.isBlank()) {
            String text = periodRaw.strip().replaceAll("\\s+", " ").toLowerCase(Locale.FRENCH);
            return Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }
        return period;
    }

    /**
     * The period of the price file a period stands for: itself in historic mode, read from the meter's name in
     * standard mode ("HEURES CREUSES" → HC, "HP BLEU" → HPJB); null when the name says nothing known.
     */
    public static String pricePeriod(String period, String periodRaw) {
        if (PRICE_PERIODS.contains(period)) {
            return period;
        }
        if (periodRaw == null) {
            return null;
        }
        String t = " " + periodRaw.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]+", " ") + " ";
        boolean offPeak = t.contains(" HC ") || t.contains("CREUSE");
        boolean peak = t.contains(" HP ") || t.contains("PLEINE");
        String day = t.contains("BLEU") ? "JB" : t.contains("BLANC") ? "JW" : t.contains("ROUGE") ? "JR" : null;
        if (day != null && (offPeak || peak)) {
            return (offPeak ? "HC" : "HP") + day;
        }
        if (offPeak) {
            return "HC";
        }
        if (peak) {
            return "HP";
        }
        if (t.contains("BASE")) {
            return "BASE";
        }
        if (t.contains("POINTE")) {
            return "PM";
        }
        if (t.contains("NORMAL")) {
            return "HN";
        }
        return null;
    }

    /** The Tempo colour of a price period (BLUE, WHITE, RED), or null. */
    public static String tempoColour(String pricePeriod) {
        if (pricePeriod == null || pricePeriod.length() != 4) {
            return null;
        }
        return switch (pricePeriod.substring(2)) {
            case "JB" -> "BLUE";
            case "JW" -> "WHITE";
            case "JR" -> "RED";
            default -> null;
        };
    }

    /** The option of the price file for the option a meter sends (OPTARIF or NGTF), or null when unknown. */
    public static String priceOption(String option) {
        if (option == null) {
            return null;
        }
        String o = option.toUpperCase(Locale.ROOT);
        if (o.startsWith("BBR") || o.contains("TEMPO")) {
            return "TEMPO";
        }
        if (o.contains("EJP")) {
            return "EJP";
        }
        if (o.startsWith("HC") || o.contains("CREUSE") || o.contains("HP/HC") || o.contains("HC/HP")) {
            return "HPHC";
        }
        if (o.contains("BASE")) {
            return "BASE";
        }
        return null;
    }
}
