package teleinfo.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import teleinfo.testsupport.TestDatabase;

class DatabaseMigrationTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void migrationsCreateTheSchemaOnBothDatabases(TestDatabase database) throws Exception {
        try (HikariDataSource ds = Database.pool(database.newDatabaseUrl(), null, null, 2)) {
            Database.migrate(ds);
            Database.migrate(ds); // idempotent
            List<String> tables = new ArrayList<>();
            try (Connection c = ds.getConnection();
                    ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME").toLowerCase());
                }
            }
            assertThat(tables).contains("reading", "reading_hour").doesNotContain("meter");
        }
    }
}
