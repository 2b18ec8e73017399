package teleinfo.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;
import teleinfo.storage.SqlFiles;

/**
 * {@code GET /api/power}: the apparent power (VA) of a meter over a range, downsampled on the server to at most
 * {@code points} buckets of equal length (average, minimum and maximum per bucket), with the tariff-period intervals of
 * the range. Buckets of an hour or more come from the hourly roll-up, shorter ones from the minute readings.
 */
public final class PowerSeriesQuery {
    private static final String MINUTE_BUCKETS = SqlFiles.statement("web-power-minute.sql");
    private static final String HOUR_BUCKETS = SqlFiles.statement("web-power-hour.sql");
    private static final String MINUTE_PERIOD_CHANGES = SqlFiles.statement("web-period-changes-minute.sql");
    private static final String HOUR_PERIOD_CHANGES = SqlFiles.statement("web-period-changes-hour.sql");
    private static final String LAST_MINUTE = SqlFiles.statement("web-last-minute.sql");

    /**
     * Times in epoch milliseconds. {@code points}: [bucket start, avg, min, max]; {@code injection}: [bucket start,
     * avg, max] of the injected power (producers; empty otherwise); {@code overloads}: [bucket start, minutes with an
     * overload]; {@code step}: bucket length in seconds; {@code source}: "minute" or "hour"; {@code names}: the name
     * of each period of {@code periods}; {@code subscribedVa}: the subscribed power (latest reading), or null.
     */
    public record PowerSeries(String meter, long from, long to, long step, String source, List<long[]> points,
            List<long[]> injection, List<long[]> overloads, List<PeriodInterval> periods, Map<String, String> names,
            Integer subscribedVa) {
    }

    /** A tariff period from {@code from} (inclusive) to {@code to} (exclusive), epoch milliseconds. */
    public record PeriodInterval(String period, long from, long to) {
    }

    private final DataSource dataSource;
    private final WebConfig config;

    public PowerSeriesQuery(DataSource dataSource, WebConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /**
     * The bucket length for a range, giving at most {@code points} buckets: whole minutes up to half an hour, whole
     * hours beyond. Rounding 31 to 59 minutes up to an hour at most halves the resolution and reads the roll-up,
     * 60 times smaller than the minute readings (a month on a wide screen).
     */
    static long stepSeconds(long rangeSeconds, int points) {
        // buckets aligned on the epoch: a range of r seconds touches at most r / step + 1 of them
        long step = Math.max(60, ceilDiv(rangeSeconds, points - 1));
        step = ceilDiv(step, 60) * 60;
        return step > 1800 ? ceilDiv(step, 3600) * 3600 : step;
    }

    public PowerSeries run(String meter, TimeRange range, int points) throws SQLException {
        long step = stepSeconds(range.seconds(), points);
        boolean hourly = step >= 3600;
        // whole minutes / hours: a partial first bucket would be biased by the roll-up's alignment
        long unit = hourly ? 3600 : 60;
        long from = Math.floorDiv(range.from(), unit) * unit;
        long to = range.to();
        List<long[]> series = new ArrayList<>();
        List<long[]> injection = new ArrayList<>();
        List<long[]> overloads = new ArrayList<>();
        List<PeriodInterval> periods = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        MeterProfile profile;
        try (Connection c = dataSource.getConnection()) {
            profile = config.profile(c, meter);
            try (PreparedStatement s = c.prepareStatement(hourly ? HOUR_BUCKETS : MINUTE_BUCKETS)) {
                s.setLong(1, step);
                s.setString(2, meter);
                s.setLong(3, from);
                s.setLong(4, to);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long n = rs.getLong("n");
                        long average = Math.round((double) rs.getLong("power_sum") / n);
                        long t = rs.getLong("bucket") * step * 1000;
                        series.add(new long[] {t, average, rs.getLong("power_min"), rs.getLong("power_max")});
                        long injected = rs.getLong("injection_n");
                        if (injected > 0) {
                            injection.add(new long[] {t, Math.round((double) rs.getLong("injection_sum") / injected),
                                rs.getLong("injection_max")});
                        }
                        if (rs.getLong("overloads") > 0) {
                            overloads.add(new long[] {t, rs.getLong("overloads")});
                        }
                    }
                }
            }
            if (!series.isEmpty()) {
                // the last period lasts until the end of the last minute (or hour) with a reading
                long end = Math.floorDiv(lastMinute(c, meter, from, to), unit) * unit + unit;
                try (PreparedStatement s = c.prepareStatement(hourly ? HOUR_PERIOD_CHANGES : MINUTE_PERIOD_CHANGES)) {
                    s.setString(1, meter);
                    s.setLong(2, from);
                    s.setLong(3, to);
                    try (ResultSet rs = s.executeQuery()) {
                        PeriodInterval open = null;
                        while (rs.next()) {
                            long t = rs.getLong("t");
                            if (open != null) {
                                periods.add(new PeriodInterval(open.period(), open.from(), t * 1000));
                            }
                            open = new PeriodInterval(rs.getString("period"), t * 1000, 0);
                        }
                        if (open != null) {
                            periods.add(new PeriodInterval(open.period(), open.from(), Math.min(end, to) * 1000));
                        }
                    }
                }
            }
        }
        for (PeriodInterval p : periods) {
            names.putIfAbsent(p.period(), profile.names().getOrDefault(p.period(),
                    config.periodNames().name(meter, p.period(), null)));
        }
        return new PowerSeries(meter, range.from() * 1000, range.to() * 1000, step, hourly ? "hour" : "minute",
                series, injection, overloads, periods, names, profile.subscribedVa());
    }

    private static long lastMinute(Connection c, String meter, long from, long to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LAST_MINUTE)) {
            s.setString(1, meter);
            s.setLong(2, from);
            s.setLong(3, to);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
