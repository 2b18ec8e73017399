package teleinfo.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Electricity prices from the configuration: € per kWh for each tariff period ({@code HP:0.2700,HC:0.2068}) and the
 * subscription in € per month. No price at all means no cost is computed.
 */
public record Prices(Map<String, Double> perKwh, double subscriptionPerMonth) {
    public static final Prices NONE = new Prices(Map.of(), 0);

    public Prices {
        perKwh = Collections.unmodifiableMap(new LinkedHashMap<>(perKwh));
    }

    /** Parses {@code PERIOD:price,...} and a monthly subscription; blank strings mean none. */
    public static Prices parse(String perPeriod, String subscriptionPerMonth) {
        Map<String, Double> prices = new LinkedHashMap<>();
        if (perPeriod != null && !perPeriod.isBlank()) {
            for (String entry : perPeriod.split(",")) {
                String[] parts = entry.strip().split(":");
                if (parts.length != 2 || parts[0].isBlank()) {
                    throw new IllegalArgumentException("web.prices: expected PERIOD:price, not '" + entry.strip() + "'");
                }
                prices.put(parts[0].strip().toUpperCase(Locale.ROOT), nonNegative("web.prices", parts[1]));
            }
        }
        double subscription = subscriptionPerMonth == null || subscriptionPerMonth.isBlank()
                ? 0 : nonNegative("web.subscription", subscriptionPerMonth);
        return new Prices(prices, subscription);
    }

    public boolean configured() {
        return !perKwh.isEmpty();
    }

    private static double nonNegative(String key, String text) {
        try {
            double value = Double.parseDouble(text.strip());
            if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text.strip() + "' is not a price");
        }
    }
}
