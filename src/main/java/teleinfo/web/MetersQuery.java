package teleinfo.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import teleinfo.storage.SqlFiles;

/** {@code GET /api/meters}: every meter with its first and last reading, its latest power and what the page shows. */
public final class MetersQuery {
    // one bound primary-key lookup per meter, from the list of web-meter-list.sql: MariaDB ran the single-query form
    // (web-meters.sql) in 2 s over three meters of a year (the key unused for its correlated conditions)
    private static final String FIRST = SqlFiles.statement("web-meter-first.sql");
    private static final String LAST = SqlFiles.statement("web-meter-last.sql");
    /**
     * Times in epoch milliseconds; {@code lastPower} in VA, {@code lastPeriod} the tariff period then; {@code names}
     * the name of each period; {@code phases} 1 or 3; {@code producer} when the meter reports injection.
     */
    public record Meter(String meter, String name, String mode, long first, long last, Integer lastPower,
            String lastPeriod, Integer lastInjection, String option, Integer subscribedVa, int phases,
            boolean producer, Map<String, String> names, MeterProfile.Day day) {
    }

    public record Meters(List<Meter> meters) {
    }

    private final DataSource dataSource;
    private final WebConfig config;

    public MetersQuery(DataSource dataSource, WebConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /**
     * The rows of {@code sql/queries/web-meter-list.sql} (run by the route's {@code sql:} endpoint: one row per meter
     * with {@code meter} and {@code first_hour}) with what the page shows of each meter.
     */
    public Meters describe(List<Map<String, Object>> rows) throws SQLException {
        List<Meter> meters = new ArrayList<>(rows.size());
        try (Connection c = dataSource.getConnection();
                PreparedStatement first = c.prepareStatement(FIRST);
                PreparedStatement last = c.prepareStatement(LAST)) {
            for (Map<String, Object> row : rows) {
                String meter = (String) row.get("meter");
                long hour = seconds(row, "first_hour");
                first.setString(1, meter);
                first.setLong(2, hour);
                first.setLong(3, hour + 3600);
                long firstT;
                try (ResultSet f = first.executeQuery()) {
                    f.next();
                    firstT = f.getLong(1);
                }
                last.setString(1, meter);
                long lastT;
                String mode;
                try (ResultSet l = last.executeQuery()) {
                    if (!l.next()) {
                        continue;
                    }
                    lastT = l.getLong("t");
                    mode = l.getString("mode");
                }
                MeterProfile p = config.profile(c, meter);
                meters.add(new Meter(p.meter(), p.name(), mode, firstT * 1000, lastT * 1000, p.lastPower(),
                        p.lastPeriod(), p.lastInjection(), p.option(), p.subscribedVa(), p.phases(), p.producer(),
                        p.names(), p.day()));
            }
        }
        return new Meters(meters);
    }

    private static long seconds(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}
