package teleinfo.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import javax.sql.DataSource;

import teleinfo.protocol.TariffPeriod;
import teleinfo.storage.SqlFiles;

/**
 * {@code GET /api/energy}: the energy (kWh) per tariff period in each hour, day or month of a range, from the
 * differences of the period registers between the ends of consecutive hours of the roll-up, with the cost when prices
 * are configured. Buckets follow the calendar of the requested time zone, so a day of a summer/winter change lasts 23
 * or 25 hours. A register that goes down (meter replaced) starts again from its new value.
 */
public final class EnergyQuery {
    private static final String HOURS = SqlFiles.statement("web-energy-hours.sql");
    private static final String BASELINE = SqlFiles.statement("web-energy-baseline.sql");
    /** The registers that count one tariff period each, in the column order of the queries. */
    static final List<String> PERIOD_REGISTERS = List.of("BASE", "HCHC", "HCHP", "EJPHN", "EJPHPM", "BBRHCJB",
            "BBRHPJB", "BBRHCJW", "BBRHPJW", "BBRHCJR", "BBRHPJR", "EASF01", "EASF02", "EASF03", "EASF04", "EASF05",
            "EASF06", "EASF07", "EASF08", "EASF09", "EASF10");
    public static final int MAX_BUCKETS = 10_000;

    /** Times in epoch milliseconds; kWh per period; cost in € (energy + subscription share), null without prices. */
    public record Bucket(long t, long end, Map<String, Double> kWh, double total, Double cost) {
    }

    public record Energy(String meter, long from, long to, String step, String tz, List<String> periods,
            Map<String, Double> prices, Double subscriptionPerMonth, List<Bucket> buckets, Map<String, Double> kWh,
            double total, Double cost) {
    }

    private final DataSource dataSource;
    private final Prices prices;

    public EnergyQuery(DataSource dataSource, Prices prices) {
        this.dataSource = dataSource;
        this.prices = prices;
    }

    public Energy run(String meter, TimeRange range, EnergyStep step, ZoneId zone) throws SQLException {
        List<ZonedDateTime> bounds = bucketBounds(range, step, zone);
        int buckets = bounds.size() - 1;
        int registers = PERIOD_REGISTERS.size();
        long[][] wh = new long[buckets][registers];
        long[] latest = new long[registers];
        boolean[] known = new boolean[registers];
        long start = bounds.get(0).toEpochSecond();
        long end = bounds.get(buckets).toEpochSecond();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(BASELINE)) {
                s.setString(1, meter);
                s.setLong(2, start);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        for (int r = 0; r < registers; r++) {
                            latest[r] = rs.getLong(r + 2);
                            known[r] = !rs.wasNull();
                        }
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(HOURS)) {
                s.setString(1, meter);
                s.setLong(2, start);
                s.setLong(3, end);
                s.setFetchSize(1000);
                try (ResultSet rs = s.executeQuery()) {
                    int bucket = 0;
                    while (rs.next()) {
                        long t = rs.getLong(1);
                        while (bounds.get(bucket + 1).toEpochSecond() <= t) {
                            bucket++;
                        }
                        for (int r = 0; r < registers; r++) {
                            long value = rs.getLong(r + 2);
                            if (rs.wasNull()) {
                                continue;
                            }
                            if (known[r] && value >= latest[r]) {
                                wh[bucket][r] += value - latest[r];
                            }
                            latest[r] = value;
                            known[r] = true;
                        }
                    }
                }
            }
        }
        return result(meter, range, step, zone, bounds, wh);
    }

    private Energy result(String meter, TimeRange range, EnergyStep step, ZoneId zone, List<ZonedDateTime> bounds,
            long[][] wh) {
        TreeSet<String> periods = new TreeSet<>();
        long[] totalWh = new long[PERIOD_REGISTERS.size()];
        for (long[] bucket : wh) {
            for (int r = 0; r < bucket.length; r++) {
                totalWh[r] += bucket[r];
            }
        }
        for (int r = 0; r < totalWh.length; r++) {
            if (totalWh[r] > 0) {
                periods.add(periodOf(r));
            }
        }
        boolean costed = prices.configured() && prices.perKwh().keySet().containsAll(periods);
        List<Bucket> buckets = new ArrayList<>();
        double totalCost = 0;
        for (int b = 0; b < wh.length; b++) {
            Map<String, Double> kWh = kWh(wh[b]);
            double cost = 0;
            if (costed) {
                for (Map.Entry<String, Double> e : kWh.entrySet()) {
                    cost += e.getValue() * prices.perKwh().get(e.getKey());
                }
                cost += prices.subscriptionPerMonth() * shareOfMonth(bounds.get(b), bounds.get(b + 1));
                totalCost += cost;
            }
            buckets.add(new Bucket(bounds.get(b).toInstant().toEpochMilli(),
                    bounds.get(b + 1).toInstant().toEpochMilli(), kWh, sum(kWh), costed ? round(cost, 4) : null));
        }
        Map<String, Double> totals = kWh(totalWh);
        return new Energy(meter, range.from() * 1000, range.to() * 1000, step.name().toLowerCase(Locale.ROOT),
                zone.getId(), List.copyOf(periods), prices.configured() ? prices.perKwh() : null,
                prices.configured() ? prices.subscriptionPerMonth() : null, buckets, totals, sum(totals),
                costed ? round(totalCost, 2) : null);
    }

    static List<ZonedDateTime> bucketBounds(TimeRange range, EnergyStep step, ZoneId zone) {
        long approximateLength = step == EnergyStep.HOUR ? 3600 : step == EnergyStep.DAY ? 82_800 : 28 * 86_400;
        if (range.seconds() / approximateLength > MAX_BUCKETS) {
            throw new BadRequestException("too many buckets: at most " + MAX_BUCKETS + " per request");
        }
        List<ZonedDateTime> bounds = new ArrayList<>();
        ZonedDateTime bound = step.floor(Instant.ofEpochSecond(range.from()).atZone(zone));
        bounds.add(bound);
        while (bound.toEpochSecond() < range.to()) {
            bound = step.next(bound);
            bounds.add(bound);
        }
        return bounds;
    }

    /** The fraction of its calendar month that [start, end) covers: the subscription is billed per month. */
    private static double shareOfMonth(ZonedDateTime start, ZonedDateTime end) {
        ZonedDateTime monthStart = EnergyStep.MONTH.floor(start);
        ZonedDateTime monthEnd = EnergyStep.MONTH.next(monthStart);
        return (double) Duration.between(start, end).getSeconds()
                / Duration.between(monthStart, monthEnd).getSeconds();
    }

    private static String periodOf(int register) {
        return TariffPeriod.periodOfRegister(PERIOD_REGISTERS.get(register));
    }

    private static Map<String, Double> kWh(long[] wh) {
        Map<String, Double> kWh = new LinkedHashMap<>();
        for (int r = 0; r < wh.length; r++) {
            if (wh[r] > 0) {
                kWh.merge(periodOf(r), wh[r] / 1000.0, Double::sum);
            }
        }
        return kWh;
    }

    private static double sum(Map<String, Double> kWh) {
        long wh = 0;
        for (double value : kWh.values()) {
            wh += Math.round(value * 1000);
        }
        return wh / 1000.0;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
