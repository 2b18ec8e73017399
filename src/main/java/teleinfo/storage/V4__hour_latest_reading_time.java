package teleinfo.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration V4 (issue 14, ingestion speed): {@code reading_hour.latest_t}, the time of the latest reading of the hour,
 * so that the ingestion's upsert keeps the period of that reading by comparing two numbers instead of querying table
 * {@code reading} for every roll-up row it updates. Hours stored before get it from their readings.
 *
 * <p>Re-runnable (see SchemaMigration): the column is added only when missing (MySQL 8 has no
 * {@code ADD COLUMN IF NOT EXISTS}), and only the rows still without a value are filled.
 */
public final class V4__hour_latest_reading_time extends BaseJavaMigration {
    static final String FILL = "UPDATE reading_hour SET latest_t = (SELECT MAX(r.t) FROM reading r"
            + " WHERE r.meter = reading_hour.meter AND r.t >= reading_hour.t AND r.t < reading_hour.t + 3600)"
            + " WHERE latest_t IS NULL";

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            if (!V3__page_reading_details.exists(c, "reading_hour", "latest_t")) {
                s.execute("ALTER TABLE reading_hour ADD COLUMN latest_t BIGINT");
            }
            s.executeUpdate(FILL);
        }
    }
}
