package teleinfo.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;
import teleinfo.storage.SqlFiles;

/** Recomputes {@code reading_hour} from {@code reading} ({@code sql/queries/rebuild-reading-hour.sql}). */
public final class ReadingHourRebuild {
    private ReadingHourRebuild() {
    }

    public static void run(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : SqlFiles.statements("rebuild-reading-hour.sql")) {
                    s.executeUpdate(sql);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }
}
