package teleinfo.server;

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
    int fold() throws java.sql.SQLException {
        return new HourRollUp(dataSource).foldPending();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
