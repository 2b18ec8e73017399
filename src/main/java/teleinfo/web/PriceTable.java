package teleinfo.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Electricity prices with the dates they apply from: € per kWh per tariff option and period, and the subscription in
 * € per month per option and subscribed power (kVA). Read from a price file the user edits (the shipped one holds
 * the regulated "Tarif Bleu" prices, {@code prices/tarif-bleu.csv}), or flat prices for every date and option from
 * {@code web.prices} / {@code web.subscription}. A date is the start of that day in Paris: French prices change at
 * midnight, French time.
 *
 * <p>File format: one row per line, fields separated by {@code ;}, {@code #} starts a comment line:
 * {@code energy;OPTION;PERIOD;FROM;EUR_PER_KWH;SOURCE} and {@code subscription;OPTION;KVA;FROM;EUR_PER_MONTH;SOURCE}.
 * OPTION is BASE, HPHC, TEMPO or EJP; PERIOD is BASE, HP, HC, HPJB, HCJB, HPJW, HCJW, HPJR, HCJR, HN or PM; FROM is
 * yyyy-mm-dd; SOURCE is free text (the decision the figure comes from).
 */
public final class PriceTable {
    public static final String ANY_OPTION = "*";
    public static final ZoneId FRANCE = ZoneId.of("Europe/Paris");
    static final String SHIPPED = "prices/tarif-bleu.csv";
    public static final PriceTable NONE = new PriceTable(Map.of(), Map.of());

    /** Rows of one (option, period) or (option, kVA), sorted by date: {@code from} epoch seconds, {@code price}. */
    private record Series(long[] from, double[] price) {
        Double at(long t) {
            int i = Arrays.binarySearch(from, t);
            int k = i >= 0 ? i : -i - 2;
            return k < 0 ? null : price[k];
        }
    }

    private final Map<String, Series> energy;
    private final Map<String, Series> subscription;

    private PriceTable(Map<String, Series> energy, Map<String, Series> subscription) {
        this.energy = energy;
        this.subscription = subscription;
    }

    /**
     * The prices of the settings: the flat {@code web.prices} ({@code PERIOD:price,...}) with {@code web.subscription}
     * when given, else the price file {@code web.prices.file}, else the shipped file.
     */
    public static PriceTable fromSettings(String flatPrices, String flatSubscription, String file) {
        if (flatPrices != null && !flatPrices.isBlank()) {
            return flat(flatPrices, flatSubscription);
        }
        if (file != null && !file.isBlank()) {
            try {
                return parse(Files.readAllLines(Path.of(file.strip()), StandardCharsets.UTF_8), file.strip());
            } catch (IOException e) {
                throw new IllegalArgumentException("web.prices.file: cannot read " + file.strip() + ": " + e.getMessage());
            }
        }
        try (InputStream in = PriceTable.class.getClassLoader().getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException("missing " + SHIPPED + " on the classpath");
            }
            return parse(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n")), SHIPPED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code PERIOD:price,...} and a monthly subscription, for any option and date; blank prices mean none. */
    public static PriceTable flat(String perPeriod, String subscriptionPerMonth) {
        Map<String, Series> energy = new HashMap<>();
        if (perPeriod != null && !perPeriod.isBlank()) {
            for (String entry : perPeriod.split(",")) {
                String[] parts = entry.strip().split(":");
                if (parts.length != 2 || parts[0].isBlank()) {
                    throw new IllegalArgumentException("web.prices: expected PERIOD:price, not '" + entry.strip() + "'");
                }
                energy.put(key(ANY_OPTION, parts[0].strip().toUpperCase(Locale.ROOT)),
                        new Series(new long[] {Long.MIN_VALUE}, new double[] {nonNegative("web.prices", parts[1])}));
            }
        }
        Map<String, Series> subscription = new HashMap<>();
        if (!energy.isEmpty() && subscriptionPerMonth != null && !subscriptionPerMonth.isBlank()) {
            subscription.put(key(ANY_OPTION, "0"), new Series(new long[] {Long.MIN_VALUE},
                    new double[] {nonNegative("web.subscription", subscriptionPerMonth)}));
        }
        return new PriceTable(energy, subscription);
    }

    /** Above this a price per kWh is taken for a typing error (cents for euros): the dearest regulated one is ~1.5. */
    static final double MAX_EUR_PER_KWH = 5;
    /** Above this a monthly subscription is taken for a yearly one (36 kVA costs about 55 € a month). */
    static final double MAX_EUR_PER_MONTH = 500;

    /** The rows of a price file; a malformed row is an error naming the file, the line and what is wrong. */
    public static PriceTable parse(List<String> lines, String name) {
        Map<String, List<double[]>> energy = new HashMap<>();
        Map<String, List<double[]>> subscription = new HashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = name + " line " + (n + 1) + ": ";
            String[] f = line.split(";", -1);
            if (f.length < 5 || f.length > 6) {
                throw new IllegalArgumentException(where + "expected kind;option;period or kVA;from;price;source, found "
                        + f.length + " fields" + (f.length > 6 ? " (the source may not contain ';')" : ""));
            }
            String kind = f[0].strip().toLowerCase(Locale.ROOT);
            if (!kind.equals("energy") && !kind.equals("subscription")) {
                throw new IllegalArgumentException(where + "kind must be energy or subscription, not '" + f[0].strip() + "'");
            }
            String option = f[1].strip().toUpperCase(Locale.ROOT);
            if (!List.of("BASE", "HPHC", "TEMPO", "EJP").contains(option)) {
                throw new IllegalArgumentException(where + "option must be BASE, HPHC, TEMPO or EJP, not '" + f[1] + "'");
            }
            long from;
            try {
                from = LocalDate.parse(f[3].strip()).atStartOfDay(FRANCE).toEpochSecond();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(where + "'" + f[3].strip() + "' is not a date (yyyy-mm-dd)");
            }
            double price = nonNegative(name + " line " + (n + 1), f[4]);
            double[] row = {from, price, n + 1};
            if (kind.equals("energy")) {
                String period = f[2].strip().toUpperCase(Locale.ROOT);
                if (!PeriodNames.PRICE_PERIODS.contains(period)) {
                    throw new IllegalArgumentException(where + "unknown period '" + f[2].strip() + "'");
                }
                if (price > MAX_EUR_PER_KWH) {
                    throw new IllegalArgumentException(where + price + " EUR per kWh is more than " + MAX_EUR_PER_KWH
                            + ": a price in cents? (write 0.2081 for 20.81 c)");
                }
                energy.computeIfAbsent(key(option, period), k -> new ArrayList<>()).add(row);
            } else {
                int kva;
                try {
                    kva = Integer.parseInt(f[2].strip());
                } catch (NumberFormatException e) {
                    kva = 0;
                }
                if (kva <= 0) {
                    throw new IllegalArgumentException(where + "'" + f[2].strip() + "' is not a power in kVA (3, 6, 9…)");
                }
                if (price > MAX_EUR_PER_MONTH) {
                    throw new IllegalArgumentException(where + price + " EUR per month is more than " + MAX_EUR_PER_MONTH
                            + ": a price per year? (divide it by 12)");
                }
                subscription.computeIfAbsent(key(option, String.valueOf(kva)), k -> new ArrayList<>()).add(row);
            }
        }
        return new PriceTable(series(energy, name), series(subscription, name));
    }

    private static Map<String, Series> series(Map<String, List<double[]>> rows, String name) {
        Map<String, Series> out = new HashMap<>();
        rows.forEach((k, list) -> {
            list.sort((a, b) -> Double.compare(a[0], b[0]));
            long[] from = new long[list.size()];
            double[] price = new double[list.size()];
            for (int i = 0; i < list.size(); i++) {
                from[i] = (long) list.get(i)[0];
                price[i] = list.get(i)[1];
                if (i > 0 && from[i] == from[i - 1]) {
                    throw new IllegalArgumentException(name + " lines " + (int) list.get(i - 1)[2] + " and "
                            + (int) list.get(i)[2] + ": two prices for " + k + " from the same date");
                }
            }
            out.put(k, new Series(from, price));
        });
        return out;
    }

    public boolean configured() {
        return !energy.isEmpty();
    }

    /** Whether the table prices a meter of that option (of the price file, null when unknown): flat prices do. */
    public boolean prices(String option) {
        if (energy.keySet().stream().anyMatch(k -> k.startsWith(ANY_OPTION + "/"))) {
            return true;
        }
        return option != null && energy.keySet().stream().anyMatch(k -> k.startsWith(option + "/"));
    }

    /** € per kWh of a price period at an instant (epoch seconds), or null when the table has none. */
    public Double energy(String option, String pricePeriod, long t) {
        Series s = energy.get(key(ANY_OPTION, pricePeriod));
        if (s == null && option != null) {
            s = energy.get(key(option, pricePeriod));
        }
        return s == null ? null : s.at(t);
    }

    /** € per month for a subscribed power at an instant, or null when the table has none. */
    public Double subscription(String option, int kva, long t) {
        Series s = subscription.get(key(ANY_OPTION, "0"));
        if (s == null && option != null) {
            s = subscription.get(key(option, String.valueOf(kva)));
        }
        return s == null ? null : s.at(t);
    }

    /** Every date (epoch seconds) from which a price applies, ascending. */
    public long[] changes() {
        TreeSet<Long> all = new TreeSet<>();
        for (Series s : energy.values()) {
            Arrays.stream(s.from()).filter(t -> t != Long.MIN_VALUE).forEach(all::add);
        }
        for (Series s : subscription.values()) {
            Arrays.stream(s.from()).filter(t -> t != Long.MIN_VALUE).forEach(all::add);
        }
        return all.stream().mapToLong(Long::longValue).toArray();
    }

    private static String key(String option, String what) {
        return option + "/" + what;
    }

    private static double nonNegative(String key, String text) {
        try {
            double value = Double.parseDouble(text.strip());
            if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text.strip() + "' is not a price"
                    + (text.contains(",") ? " (write the decimals after a dot: 0.2081)" : ""));
        }
    }
}
