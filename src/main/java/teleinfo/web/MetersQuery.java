package teleinfo.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/** {@code GET /api/meters}: every meter with its first and last reading, its latest power and what the page shows. */
public final class MetersQuery {
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
     * The rows of {@code sql/queries/web-meters.sql} (run by the route's {@code sql:} endpoint: one row per meter with
     * {@code meter}, {@code mode}, {@code first_t}, {@code last_t}) with what the page shows of each meter.
     */
    public Meters describe(List<Map<String, Object>> rows) throws SQLException {
        List<Meter> meters = new ArrayList<>(rows.size());
        try (Connection c = dataSource.getConnection()) {
            for (Map<String, Object> row : rows) {
                MeterProfile p = config.profile(c, (String) row.get("meter"));
                meters.add(new Meter(p.meter(), p.name(), (String) row.get("mode"), seconds(row, "first_t") * 1000,
                        seconds(row, "last_t") * 1000, p.lastPower(), p.lastPeriod(), p.lastInjection(), p.option(),
                        p.subscribedVa(), p.phases(), p.producer(), p.names(), p.day()));
            }
        }
        return new Meters(meters);
    }

    private static long seconds(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}
