package teleinfo.storage;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration V3 (issue 12, the chart page): the reading's optional page fields (docs/READING.md) in table
 * {@code reading} — apparent power per phase, subscribed power, STGE, DEMAIN, the overload and EJP notice flags (1 or
 * NULL) — and in the hourly roll-up the injected power (sum of the minute averages and the highest) and the number of
 * minutes with an overload. Readings stored before have NULL there; {@code sql/queries/rebuild-reading-hour.sql}
 * recomputes old hours.
 *
 * <p>Java rather than SQL because every migration here must run again after an interruption (see SchemaMigration)
 * and MySQL 8 has no {@code ADD COLUMN IF NOT EXISTS}: each column is added only when the table lacks it.
 */
public final class V3__page_reading_details extends BaseJavaMigration {
    static final Map<String, List<String>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("reading", List.of("phase_power1 INT", "phase_power2 INT", "phase_power3 INT",
                "subscribed_va INT", "status_register VARCHAR(8)", "tomorrow VARCHAR(4)", "overload SMALLINT",
                "peak_notice SMALLINT"));
        COLUMNS.put("reading_hour", List.of("injection_sum BIGINT", "injection_max INT", "overloads INT"));
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        for (Map.Entry<String, List<String>> table : COLUMNS.entrySet()) {
            for (String definition : table.getValue()) {
                String column = definition.substring(0, definition.indexOf(' '));
                if (!exists(c, table.getKey(), column)) {
                    try (Statement s = c.createStatement()) {
                        s.execute("ALTER TABLE " + table.getKey() + " ADD COLUMN " + definition);
                    }
                }
            }
        }
    }

    /** Whether the table of the current database has the column (H2 keeps names in upper case, MySQL as written). */
    static boolean exists(Connection c, String table, String column) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        for (String t : List.of(table, table.toUpperCase(Locale.ROOT))) {
            for (String name : List.of(column, column.toUpperCase(Locale.ROOT))) {
                try (ResultSet rs = meta.getColumns(c.getCatalog(), null, t, name)) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
