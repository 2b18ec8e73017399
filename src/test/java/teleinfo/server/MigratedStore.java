package teleinfo.server;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import teleinfo.storage.Database;
import teleinfo.testsupport.TestDatabase;

/** The store on a new migrated database of one kind, its pool closed after each test ({@code @RegisterExtension}). */
final class MigratedStore implements AfterEachCallback {
    HikariDataSource dataSource;

    ReadingStore open(TestDatabase database) {
        dataSource = Database.pool(database.newDatabaseUrl(), null, null, 4);
        Database.migrate(dataSource);
        return new ReadingStore(dataSource);
    }

    /** Folds what the stores queued into reading_hour, as the server's timer and the chart's API do. */
    int fold() throws SQLException {
        return new HourRollUp(dataSource).foldPending();
    }

    /** Every row's values for the query, numbers as longs. */
    List<List<Object>> table(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.add(v instanceof Number n ? (Object) n.longValue() : v);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
