package teleinfo.web;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;
import teleinfo.protocol.TariffPeriod;
import teleinfo.storage.SqlFiles;

/**
 * {@code GET /api/readings.csv}: the minute readings of a meter over a range, one line each, time in ISO-8601 UTC.
 * Energy register columns (Wh) appear only for the registers that have values in the range.
 */
public final class ReadingsCsvExport {
    private static final String REGISTERS_PRESENT = SqlFiles.statement("web-csv-registers.sql");
    private static final String READINGS = SqlFiles.statement("web-csv-readings.sql");
    public static final int MAX_DAYS = 366;
    private static final long CHUNK_SECONDS = 86_400;

    private final DataSource dataSource;
    private final WebConfig config;

    public ReadingsCsvExport(DataSource dataSource, WebConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /**
     * Writes the CSV to {@code out}, reading one day at a time so that memory stays small whatever the range (the
     * MySQL driver holds a whole result set in memory).
     */
    public void write(String meter, TimeRange range, OutputStream out) throws SQLException, IOException {
        Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(READINGS)) {
            List<String> registers = registersPresent(c, meter, range);
            Map<String, String> titles = registerTitles(config.profile(c, meter));
            List<Integer> columns = null;
            StringBuilder line = new StringBuilder();
            for (long from = range.from(); from < range.to(); from += CHUNK_SECONDS) {
                s.setString(1, meter);
                s.setLong(2, from);
                s.setLong(3, Math.min(range.to(), from + CHUNK_SECONDS));
                try (ResultSet rs = s.executeQuery()) {
                    if (columns == null) {
                        columns = header(rs.getMetaData(), registers, titles, csv);
                    }
                    while (rs.next()) {
                        line.setLength(0);
                        line.append(Instant.ofEpochSecond(rs.getLong(1)));
                        for (int i : columns) {
                            String value = rs.getString(i);
                            line.append(',');
                            if (value != null) {
                                line.append(cell(value));
                            }
                        }
                        csv.write(line.append('\n').toString());
                    }
                }
            }
        }
        csv.flush();
    }

    /**
     * A value as one CSV field that no spreadsheet runs: values are numbers and short codes, so separators, quotes
     * and line ends become {@code _}, and a value a spreadsheet would take for a formula (starting with {@code =},
     * {@code +}, {@code -}, {@code @}, tab or carriage return) gets a leading {@code '} (OWASP's CSV injection advice).
     * Stored values are validated at ingest; this holds for rows stored before that, or by another writer.
     */
    static String cell(String value) {
        String field = value.replaceAll("[,\"\r\n]", "_");
        if (!field.isEmpty() && "=+-@\t".indexOf(field.charAt(0)) >= 0) {
            return "'" + field;
        }
        return field;
    }

    /**
     * The header of a period register's column names its period as the page does: {@code e_easf01 (Heures creuses)};
     * EAIT is the injected energy.
     */
    private static Map<String, String> registerTitles(MeterProfile profile) {
        Map<String, String> titles = new HashMap<>();
        profile.names().forEach((period, name) -> {
            String register = TariffPeriod.registerOf(period);
            if (register != null) {
                titles.put("e_" + register.toLowerCase(Locale.ROOT), name);
            }
        });
        titles.put("e_eait", "injection");
        return titles;
    }

    /** Writes the header line; returns the result-set columns to write after the time. */
    private static List<Integer> header(ResultSetMetaData meta, List<String> registers, Map<String, String> titles,
            Writer csv) throws SQLException, IOException {
        List<Integer> columns = new ArrayList<>();
        StringBuilder line = new StringBuilder("time");
        for (int i = 2; i <= meta.getColumnCount(); i++) {
            String name = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
            if (!name.startsWith("e_") || registers.contains(name)) {
                columns.add(i);
                String title = titles.get(name);
                line.append(',').append(name);
                if (title != null) {
                    line.append(" (").append(title.replaceAll("[,\"\r\n()]", "_")).append(')');
                }
            }
        }
        csv.write(line.append('\n').toString());
        return columns;
    }

    private static List<String> registersPresent(Connection c, String meter, TimeRange range) throws SQLException {
        List<String> present = new ArrayList<>();
        // the roll-up is ~60 times smaller than the readings; an hour starting before the range still counts
        try (PreparedStatement s = c.prepareStatement(REGISTERS_PRESENT)) {
            s.setString(1, meter);
            s.setLong(2, Math.floorDiv(range.from(), 3600) * 3600);
            s.setLong(3, range.to());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (rs.getLong(i) > 0) {
                        present.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return present;
    }
}
