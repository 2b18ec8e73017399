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
    private static final String METERS = SqlFiles.statement("web-meters.sql");

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

    public Meters run() throws SQLException {
        List<Meter> meters = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement list = c.prepareStatement(METERS);
                ResultSet rs = list.executeQuery()) {
            while (rs.next()) {
                MeterProfile p = config.profile(c, rs.getString("meter"));
                meters.add(new Meter(p.meter(), p.name(), rs.getString("mode"), rs.getLong("first_t") * 1000,
                        rs.getLong("last_t") * 1000, p.lastPower(), p.lastPeriod(), p.lastInjection(), p.option(),
                        p.subscribedVa(), p.phases(), p.producer(), p.names(), p.day()));
            }
        }
        return new Meters(meters);
    }
}
