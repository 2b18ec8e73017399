package teleinfo.storage;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a database failure means for the caller, on MySQL, MariaDB (Galera included) and H2. */
public final class SqlErrors {
    private SqlErrors() {
    }

    /** Duplicate key: MySQL/MariaDB 1062, H2 23505. */
    public static boolean isDuplicateKey(SQLException e) {
        for (SQLException s : chain(e)) {
            if (s.getErrorCode() == 1062 || "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A concurrent transaction got in the way, and the same work may succeed when tried again: duplicate key, deadlock
     * (1213, SQLState 40001; Galera reports a certification failure the same way), lock wait timeout (1205).
     */
    public static boolean isConflict(SQLException e) {
        if (isDuplicateKey(e)) {
            return true;
        }
        for (SQLException s : chain(e)) {
            int code = s.getErrorCode();
            if (code == 1213 || "40001".equals(s.getSQLState()) || code == 1205) {
                return true;
            }
        }
        return false;
    }

    /** The database cannot be reached: no connection, connection lost, or the pool timed out waiting for one. */
    public static boolean isConnectionLoss(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                return true;
            }
            if (t.getClass().getName().endsWith("CommunicationsException")) {
                return true;
            }
        }
        return false;
    }

    /** The exception, its causes and the next exceptions of a batch. */
    private static List<SQLException> chain(SQLException e) {
        List<SQLException> all = new ArrayList<>();
        Set<Throwable> seen = new HashSet<>();
        List<Throwable> todo = new ArrayList<>(List.of(e));
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(todo.size() - 1);
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t instanceof SQLException s) {
                all.add(s);
                todo.add(s.getNextException());
            }
            todo.add(t.getCause());
        }
        return all;
    }
}
