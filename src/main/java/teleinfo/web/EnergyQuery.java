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
 * differences of the period registers between the ends of consecutive hours of the roll-up, the injected energy
 * (EAIT) beside it, and the cost with the prices valid at each hour. Buckets follow the calendar of the requested
 * time zone, so a day of a summer/winter change lasts 23 or 25 hours; where a boundary falls inside an hour (zones
 * with a half-hour offset) that hour is split at the last minute reading before the boundary. A register that goes
 * down (meter replaced) starts again from its new value.
 */
public final class EnergyQuery {
    private static final String HOURS = SqlFiles.statement("web-energy-hours.sql");
    private static final String BASELINE = SqlFiles.statement("web-energy-baseline.sql");
    private static final String AT = SqlFiles.statement("web-energy-at.sql");
    /** The registers that count one tariff period each, in the column order of the queries; EAIT follows them. */
    static final List<String> PERIOD_REGISTERS = List.of("BASE", "HCHC", "HCHP", "EJPHN", "EJPHPM", "BBRHCJB",
            "BBRHPJB", "BBRHCJW", "BBRHPJW", "BBRHCJR", "BBRHPJR", "EASF01", "EASF02", "EASF03", "EASF04", "EASF05",
            "EASF06", "EASF07", "EASF08", "EASF09", "EASF10");
    private static final int INJECTED = PERIOD_REGISTERS.size();
    private static final int COLUMNS = INJECTED + 1;
    public static final int MAX_BUCKETS = 10_000;

    /**
     * Times in epoch milliseconds; kWh per period; injected and net (consumed - injected) kWh; cost in € (energy +
     * subscription share, null without a price for a period with energy), of which subscription; the Tempo colour
     * of the day (day and hour buckets of a Tempo meter: BLUE, WHITE, RED), else null.
     */
    public record Bucket(long t, long end, Map<String, Double> kWh, double total, double injected, double net,
            Double cost, Double subscription, String colour) {
    }

    /**
     * {@code names}: the name of each period; {@code prices}: € per kWh of each period, and
     * {@code subscriptionPerMonth}, as valid at the end of the range (null when unknown).
     */
    public record Energy(String meter, long from, long to, String step, String tz, List<String> periods,
            Map<String, String> names, Map<String, Double> prices, Double subscriptionPerMonth, List<Bucket> buckets,
            Map<String, Double> kWh, double total, double injected, double net, Double cost) {
    }

    private final DataSource dataSource;
    private final WebConfig config;

    public EnergyQuery(DataSource dataSource, WebConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** What the summation gathers per bucket. */
    private static final class Sums {
        final long[] wh = new long[COLUMNS];
        double energyCost;
        boolean unpriced;
        String colour;
    }

    public Energy run(String meter, TimeRange range, EnergyStep step, ZoneId zone) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return run(c, config.profile(c, meter), range, step, zone);
        }
    }

    /** The same over a connection and a meter's profile already at hand (the tiles ask for three ranges). */
    Energy run(Connection c, MeterProfile profile, TimeRange range, EnergyStep step, ZoneId zone) throws SQLException {
        String meter = profile.meter();
        List<ZonedDateTime> bounds = bucketBounds(range, step, zone);
        int buckets = bounds.size() - 1;
        long[] edges = new long[bounds.size()];
        for (int b = 0; b < edges.length; b++) {
            edges[b] = bounds.get(b).toEpochSecond();
        }
        Sums[] sums = new Sums[buckets];
        for (int b = 0; b < buckets; b++) {
            sums[b] = new Sums();
        }
        long[] latest = new long[COLUMNS];
        boolean[] known = new boolean[COLUMNS];
        long start = Math.floorDiv(edges[0], 3600) * 3600;
        long end = edges[buckets];
        String[] pricePeriods = new String[INJECTED];
        for (int r = 0; r < INJECTED; r++) {
            String period = periodOf(r);
            pricePeriods[r] = profile.pricePeriods().containsKey(period) ? profile.pricePeriods().get(period)
                    : PeriodNames.pricePeriod(period, null);
        }
        Map<Long, long[]> inside = valuesAtUnalignedEdges(c, meter, edges);
        try (PreparedStatement s = c.prepareStatement(BASELINE)) {
            s.setString(1, meter);
            s.setLong(2, start);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    for (int r = 0; r < COLUMNS; r++) {
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
                while (rs.next()) {
                    long t = rs.getLong(1);
                    // the edges inside this hour cut it into pieces, each counted in its own bucket
                    List<long[]> cuts = new ArrayList<>();
                    List<Long> cutTimes = new ArrayList<>();
                    for (Map.Entry<Long, long[]> e : inside.entrySet()) {
                        if (e.getKey() > t && e.getKey() < t + 3600) {
                            cutTimes.add(e.getKey());
                            cuts.add(e.getValue());
                        }
                    }
                    String colour = PeriodNames.tempoColour(pricePeriodOf(profile, rs.getString(COLUMNS + 2)));
                    int hourBucket = bucketOf(edges, t);
                    if (hourBucket >= 0 && colour != null && sums[hourBucket].colour == null
                            && (step != EnergyStep.DAY || Instant.ofEpochSecond(t).atZone(zone).getHour() >= 6)) {
                        sums[hourBucket].colour = colour;
                    }
                    for (int r = 0; r < COLUMNS; r++) {
                        long value = rs.getLong(r + 2);
                        if (rs.wasNull()) {
                            continue;
                        }
                        long pieceStart = t;
                        for (int k = 0; k < cuts.size(); k++) {
                            long at = cuts.get(k)[r];
                            if (at == ReadingHourValues.NONE || at > value) {
                                continue;
                            }
                            count(sums, edges, pieceStart, r, at, latest, known, pricePeriods, profile);
                            latest[r] = at;
                            known[r] = true;
                            pieceStart = cutTimes.get(k);
                        }
                        count(sums, edges, pieceStart, r, value, latest, known, pricePeriods, profile);
                        latest[r] = value;
                        known[r] = true;
                    }
                }
            }
        }
        return result(meter, range, step, zone, bounds, sums, profile);
    }

    private static final class ReadingHourValues {
        static final long NONE = Long.MIN_VALUE;
    }

    /** Adds the energy up to {@code value} of register r, used from {@code t} on, to the bucket of t. */
    private void count(Sums[] sums, long[] edges, long t, int r, long value, long[] latest, boolean[] known,
            String[] pricePeriods, MeterProfile profile) {
        if (!known[r] || value < latest[r]) {
            return;
        }
        int b = bucketOf(edges, t);
        if (b < 0 || value == latest[r]) {
            return;
        }
        long wh = value - latest[r];
        sums[b].wh[r] += wh;
        if (r < INJECTED) {
            Double price = config.prices().energy(profile.priceOption(), pricePeriods[r], t);
            if (price == null) {
                sums[b].unpriced = true;
            } else {
                sums[b].energyCost += wh / 1000.0 * price;
            }
        }
    }

    /** The bucket holding time t, or -1 outside [first edge, last edge). */
    private static int bucketOf(long[] edges, long t) {
        if (t < edges[0] || t >= edges[edges.length - 1]) {
            return -1;
        }
        int i = java.util.Arrays.binarySearch(edges, t);
        return i >= 0 ? i : -i - 2;
    }

    /** For each edge that is not on a whole hour: the registers of the last minute reading before it, in its hour. */
    private static Map<Long, long[]> valuesAtUnalignedEdges(Connection c, String meter, long[] edges)
            throws SQLException {
        Map<Long, long[]> values = new java.util.TreeMap<>();
        try (PreparedStatement s = c.prepareStatement(AT)) {
            for (long edge : edges) {
                if (edge % 3600 == 0) {
                    continue;
                }
                s.setString(1, meter);
                s.setLong(2, edge);
                s.setLong(3, Math.floorDiv(edge, 3600) * 3600);
                long[] at = new long[COLUMNS];
                java.util.Arrays.fill(at, ReadingHourValues.NONE);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        for (int r = 0; r < COLUMNS; r++) {
                            long v = rs.getLong(r + 2);
                            at[r] = rs.wasNull() ? ReadingHourValues.NONE : v;
                        }
                    }
                }
                values.put(edge, at);
            }
        }
        return values;
    }

    private static String pricePeriodOf(MeterProfile profile, String period) {
        if (period == null) {
            return null;
        }
        String p = profile.pricePeriods().get(period);
        return p != null ? p : PeriodNames.pricePeriod(period, null);
    }

    private Energy result(String meter, TimeRange range, EnergyStep step, ZoneId zone, List<ZonedDateTime> bounds,
            Sums[] sums, MeterProfile profile) {
        TreeSet<String> periods = new TreeSet<>();
        long[] totalWh = new long[COLUMNS];
        for (Sums bucket : sums) {
            for (int r = 0; r < COLUMNS; r++) {
                totalWh[r] += bucket.wh[r];
            }
        }
        for (int r = 0; r < INJECTED; r++) {
            if (totalWh[r] > 0) {
                periods.add(periodOf(r));
            }
        }
        boolean priced = config.prices().prices(profile.priceOption());
        List<Bucket> buckets = new ArrayList<>();
        double totalCost = 0;
        boolean totalKnown = priced;
        for (int b = 0; b < sums.length; b++) {
            Sums s = sums[b];
            Map<String, Double> kWh = kWh(s.wh);
            double total = sum(kWh);
            double injected = s.wh[INJECTED] / 1000.0;
            Double cost = null;
            Double subscription = null;
            if (priced && !s.unpriced) {
                subscription = subscriptionShare(profile, bounds.get(b), bounds.get(b + 1));
                cost = round(s.energyCost + subscription, 4);
                subscription = round(subscription, 4);
                totalCost += s.energyCost + subscriptionShare(profile, bounds.get(b), bounds.get(b + 1));
            } else {
                totalKnown = false;
            }
            buckets.add(new Bucket(bounds.get(b).toInstant().toEpochMilli(),
                    bounds.get(b + 1).toInstant().toEpochMilli(), kWh, total, injected,
                    round(total - injected, 3), cost, subscription, step == EnergyStep.MONTH ? null : s.colour));
        }
        Map<String, Double> totals = kWh(totalWh);
        double total = sum(totals);
        double injected = totalWh[INJECTED] / 1000.0;
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, Double> prices = new LinkedHashMap<>();
        long at = Math.min(range.to(), bounds.get(bounds.size() - 1).toEpochSecond()) - 1;
        for (String period : periods) {
            names.put(period, profile.names().getOrDefault(period, config.periodNames().name(meter, period, null)));
            prices.put(period, config.prices().energy(profile.priceOption(), pricePeriodOf(profile, period), at));
        }
        Double subscription = priced ? config.prices().subscription(profile.priceOption(), profile.subscribedKva(), at)
                : null;
        return new Energy(meter, range.from() * 1000, range.to() * 1000, step.name().toLowerCase(Locale.ROOT),
                zone.getId(), List.copyOf(periods), names, priced ? prices : null, subscription, buckets, totals,
                total, injected, round(total - injected, 3), totalKnown ? round(totalCost, 2) : null);
    }

    /**
     * The subscription of [start, end), a part of one calendar month: the monthly price valid at each moment times
     * the share of the month it covers, so a bucket spanning a price change pays each price for its part. Zero
     * when the price file has no subscription for the meter's option and power, and before the meter's first hour
     * with readings (no subscription is counted for months before the meter was read).
     */
    double subscriptionShare(MeterProfile profile, ZonedDateTime start, ZonedDateTime end) {
        ZonedDateTime monthStart = EnergyStep.MONTH.floor(start);
        double month = Duration.between(monthStart, EnergyStep.MONTH.next(monthStart)).getSeconds();
        long to = end.toEpochSecond();
        long from = Math.min(to, Math.max(start.toEpochSecond(),
                profile.firstHour() == null ? Long.MAX_VALUE : profile.firstHour()));
        double share = 0;
        long pieceStart = from;
        for (long change : config.prices().changes()) {
            if (change > from && change < to) {
                share += piece(profile, pieceStart, change) / month;
                pieceStart = change;
            }
        }
        return share + piece(profile, pieceStart, to) / month;
    }

    private double piece(MeterProfile profile, long from, long to) {
        Double perMonth = config.prices().subscription(profile.priceOption(), profile.subscribedKva(), from);
        return perMonth == null ? 0 : perMonth * (to - from);
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

    private static String periodOf(int register) {
        return TariffPeriod.periodOfRegister(PERIOD_REGISTERS.get(register));
    }

    private static Map<String, Double> kWh(long[] wh) {
        Map<String, Double> kWh = new LinkedHashMap<>();
        for (int r = 0; r < INJECTED; r++) {
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
