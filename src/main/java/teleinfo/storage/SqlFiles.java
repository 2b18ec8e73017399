package teleinfo.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The queries kept as files under {@code sql/queries} on the classpath. */
public final class SqlFiles {
    private SqlFiles() {
    }

    /** The statements of {@code sql/queries/<name>}, comment lines removed, split on {@code ;} at line ends. */
    public static List<String> statements(String name) {
        String path = "sql/queries/" + name;
        try (InputStream in = SqlFiles.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path + " on the classpath");
            }
            StringBuilder sql = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.strip().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            List<String> statements = new ArrayList<>();
            for (String statement : sql.toString().split(";\\s*\n")) {
                if (!statement.isBlank()) {
                    statements.add(statement.strip().replaceAll(";$", ""));
                }
            }
            return statements;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The single statement of {@code sql/queries/<name>}. */
    public static String statement(String name) {
        List<String> statements = statements(name);
        if (statements.size() != 1) {
            throw new IllegalStateException(name + " holds " + statements.size() + " statements, expected one");
        }
        return statements.get(0);
    }
}
