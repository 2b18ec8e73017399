package teleinfo.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;
import teleinfo.storage.SqlFiles;

/**
 * {@code GET /api/phases}: current, voltage and (standard mode) apparent power of each phase of a three-phase meter,
 * averaged per bucket as {@code /api/power} cuts its range. From the minute readings: the hourly roll-up keeps no
 * per-phase values. Buckets of less than an hour are averaged by the database; buckets of whole hours are added up
 * from per-hour counts and sums, which this query keeps in memory for the hours it has read, and reads again only
 * for an hour whose number of readings in the roll-up has changed since (readings are only ever added, and the
 * roll-up counts them in the same transaction): a year at 600 points is then about 8,760 roll-up rows read instead of
 * 525,600 readings averaged. Only the hours the roll-up holds are counted, as everywhere the roll-up is read. The averages are those the database gives (its AVG: to 4 decimals, half up), rounded.
 */
public final class PhaseSeriesQuery {
    private static final String BUCKETS = SqlFiles.statement("web-phases-minute.sql");
    private static final String HOURS = SqlFiles.statement("web-phases-hours.sql");
    private static final String HOUR_COUNTS = SqlFiles.statement("web-phases-hour-counts.sql");
    private static final String[] COLUMNS = {"i1", "i2", "i3", "u1", "u2", "u3", "p1", "p2", "p3"};
    /**
     * At most this many hours are kept, all meters together (about 11 meter-years, ~25 MB); when a request would go
     * beyond, what is kept is dropped and read again when asked for.
     */
    static final int MAX_KEPT_HOURS = 100_000;

    /**
     * Times in epoch milliseconds. {@code points}: [bucket start, I1, I2, I3, U1, U2, U3, P1, P2, P3], a value null
     * when the meter does not send it; {@code step}: bucket length in seconds.
     */
    public record PhaseSeries(String meter, long from, long to, long step, List<Long[]> points) {
    }

    private final DataSource dataSource;
    /**
     * Per meter, per hour (its start, epoch seconds): the number of readings, then for each of the 9 values the
     * number of readings that have it and their sum.
     */
    private final Map<String, Map<Long, long[]>> hours = new ConcurrentHashMap<>();

    private final int maxKeptHours;

    public PhaseSeriesQuery(DataSource dataSource) {
        this(dataSource, MAX_KEPT_HOURS);
    }

    PhaseSeriesQuery(DataSource dataSource, int maxKeptHours) {
        this.dataSource = dataSource;
        this.maxKeptHours = maxKeptHours;
    }

    public PhaseSeries run(String meter, TimeRange range, int points) throws SQLException {
        long step = PowerSeriesQuery.stepSeconds(range.seconds(), points);
        long from = Math.floorDiv(range.from(), 60) * 60;
        List<Long[]> series = step % 3600 == 0 ? fromHours(meter, from, range.to(), step)
                : fromMinutes(meter, from, range.to(), step);
        return new PhaseSeries(meter, range.from() * 1000, range.to() * 1000, step, series);
    }

    private List<Long[]> fromMinutes(String meter, long from, long to, long step) throws SQLException {
        List<Long[]> series = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(BUCKETS)) {
            s.setLong(1, step);
            s.setString(2, meter);
            s.setLong(3, from);
            s.setLong(4, to);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Long[] point = new Long[COLUMNS.length + 1];
                    point[0] = rs.getLong("bucket") * step * 1000;
                    for (int i = 0; i < COLUMNS.length; i++) {
                        double v = rs.getDouble(COLUMNS[i]);
                        point[i + 1] = rs.wasNull() ? null : Math.round(v);
                    }
                    series.add(point);
                }
            }
        }
        return series;
    }

    /** Buckets of whole hours (step a multiple of 3600): an hour never straddles two of them. */
    private List<Long[]> fromHours(String meter, long from, long to, long step) throws SQLException {
        long wholeFrom = Math.floorDiv(from + 3599, 3600) * 3600;
        long wholeTo = Math.floorDiv(to, 3600) * 3600;
        TreeMap<Long, long[]> buckets = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            if (wholeFrom >= wholeTo) {
                add(buckets, step, readHours(c, meter, from, to));
            } else {
                // the parts of an hour at either end are read as they are, never kept
                add(buckets, step, readHours(c, meter, from, wholeFrom));
                add(buckets, step, wholeHours(c, meter, wholeFrom, wholeTo));
                add(buckets, step, readHours(c, meter, wholeTo, to));
            }
        }
        List<Long[]> series = new ArrayList<>();
        for (Map.Entry<Long, long[]> e : buckets.entrySet()) {
            long[] sums = e.getValue();
            Long[] point = new Long[COLUMNS.length + 1];
            point[0] = e.getKey() * step * 1000;
            for (int i = 0; i < COLUMNS.length; i++) {
                long count = sums[1 + 2 * i];
                point[i + 1] = count == 0 ? null : average(sums[2 + 2 * i], count);
            }
            series.add(point);
        }
        return series;
    }

    /**
     * The sums of the whole hours of [from, to) that the roll-up holds: kept ones whose count is still the roll-up's,
     * the others read again, each run of them (not interrupted by a kept hour) with one range.
     */
    private Map<Long, long[]> wholeHours(Connection c, String meter, long from, long to) throws SQLException {
        Map<Long, long[]> kept = hours.computeIfAbsent(meter, m -> new ConcurrentHashMap<>());
        Map<Long, long[]> result = new HashMap<>();
        List<long[]> runs = new ArrayList<>(); // [first stale hour, last stale hour]
        List<Long> wanted = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(HOUR_COUNTS)) {
            s.setString(1, meter);
            s.setLong(2, from);
            s.setLong(3, to);
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
                boolean inRun = false;
                while (rs.next()) {
                    long hour = rs.getLong(1);
                    long[] sums = kept.get(hour);
                    if (sums != null && sums[0] == rs.getLong(2)) {
                        result.put(hour, sums);
                        inRun = false;
                    } else {
                        wanted.add(hour);
                        if (inRun) {
                            runs.get(runs.size() - 1)[1] = hour;
                        } else {
                            runs.add(new long[] {hour, hour});
                            inRun = true;
                        }
                    }
                }
            }
        }
        boolean keep = wanted.size() <= maxKeptHours;
        if (keep && hours.values().stream().mapToInt(Map::size).sum() + wanted.size() > maxKeptHours) {
            hours.values().forEach(Map::clear);
        }
        Map<Long, long[]> read = new HashMap<>();
        for (long[] run : runs) {
            read.putAll(readHours(c, meter, run[0], run[1] + 3600));
        }
        for (long hour : wanted) {
            long[] sums = read.get(hour);
            if (sums != null) {
                if (keep) {
                    kept.put(hour, sums);
                }
                result.put(hour, sums);
            }
        }
        return result;
    }

    /** Per hour of [from, to) that has readings: its count, then count and sum of each value. */
    private static Map<Long, long[]> readHours(Connection c, String meter, long from, long to) throws SQLException {
        Map<Long, long[]> read = new HashMap<>();
        if (from >= to) {
            return read;
        }
        try (PreparedStatement s = c.prepareStatement(HOURS)) {
            s.setString(1, meter);
            s.setLong(2, from);
            s.setLong(3, to);
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long[] sums = new long[1 + 2 * COLUMNS.length];
                    for (int k = 0; k < sums.length; k++) {
                        sums[k] = rs.getLong(k + 2);
                    }
                    read.put(rs.getLong(1) * 3600, sums);
                }
            }
        }
        return read;
    }

    private static void add(TreeMap<Long, long[]> buckets, long step, Map<Long, long[]> hourSums) {
        for (Map.Entry<Long, long[]> e : hourSums.entrySet()) {
            long[] bucket = buckets.computeIfAbsent(Math.floorDiv(e.getKey(), step), b -> new long[e.getValue().length]);
            for (int k = 0; k < bucket.length; k++) {
                bucket[k] += e.getValue()[k];
            }
        }
    }

    /** Rounded as the database's AVG of whole numbers (4 decimals, half up) then rounded to a whole number. */
    private static long average(long sum, long count) {
        return Math.round(BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 4, RoundingMode.HALF_UP)
                .doubleValue());
    }
}
