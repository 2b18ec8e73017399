package teleinfo.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;
import teleinfo.storage.SqlFiles;

/** {@code GET /api/meters}: every meter with its first and last reading and its latest power, in one query. */
public final class MetersQuery {
    private static final String METERS = SqlFiles.statement("web-meters.sql");

    /** Times in epoch milliseconds; {@code lastPower} in VA, {@code lastPeriod} the tariff period then. */
    public record Meter(String meter, String mode, long first, long last, Integer lastPower, String lastPeriod) {
    }

    public record Meters(List<Meter> meters) {
    }

    private final DataSource dataSource;

    public MetersQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Meters run() throws SQLException {
        List<Meter> meters = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement list = c.prepareStatement(METERS);
                ResultSet rs = list.executeQuery()) {
            while (rs.next()) {
                meters.add(new Meter(rs.getString("meter"), rs.getString("mode"), rs.getLong("first_t") * 1000,
                        rs.getLong("last_t") * 1000, rs.getInt("power_avg"), rs.getString("period")));
            }
        }
        return new Meters(meters);
    }
}
