package teleinfo.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;
import teleinfo.storage.SqlFiles;

/**
 * {@code GET /api/phases}: current, voltage and (standard mode) apparent power of each phase of a three-phase meter,
 * averaged per bucket as {@code /api/power} cuts its range. Always from the minute readings (the hourly roll-up keeps
 * no per-phase values): slower than {@code /api/power} over long ranges, which is why the page asks for it after the
 * power chart is drawn.
 */
public final class PhaseSeriesQuery {
    private static final String BUCKETS = SqlFiles.statement("web-phases-minute.sql");
    private static final String[] COLUMNS = {"i1", "i2", "i3", "u1", "u2", "u3", "p1", "p2", "p3"};

    /**
     * Times in epoch milliseconds. {@code points}: [bucket start, I1, I2, I3, U1, U2, U3, P1, P2, P3], a value null
     * when the meter does not send it; {@code step}: bucket length in seconds.
     */
    public record PhaseSeries(String meter, long from, long to, long step, List<Long[]> points) {
    }

    private final DataSource dataSource;

    public PhaseSeriesQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public PhaseSeries run(String meter, TimeRange range, int points) throws SQLException {
        long step = PowerSeriesQuery.stepSeconds(range.seconds(), points);
        List<Long[]> series = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(BUCKETS)) {
            s.setLong(1, step);
            s.setString(2, meter);
            s.setLong(3, Math.floorDiv(range.from(), 60) * 60);
            s.setLong(4, range.to());
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
        return new PhaseSeries(meter, range.from() * 1000, range.to() * 1000, step, series);
    }
}
