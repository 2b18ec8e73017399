package teleinfo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import teleinfo.storage.Database;
import teleinfo.storage.SqlFiles;
import teleinfo.testsupport.TestDatabase;

/**
 * Per-phase buckets of whole hours, added up from per-hour sums kept between requests, against the database's own
 * averages over the minute readings (web-phases-minute.sql, which answered every range before): equal bucket by
 * bucket, including after a late reading lands in an hour already read.
 */
class PhaseSeriesQueryTest {
    static final String METER = "041876097452";
    static final long START = 1_774_652_400L; // 2026-03-28T00:00+01:00, a whole hour
    static final int MINUTES = 3 * 1440;

    /** Three days of three-phase minutes, with missing minutes and hours, and phase powers only half of the time. */
    static void seed(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO reading "
                + "(meter, t, mode, tariff_option, period, period_raw, power_avg, power_min, power_max, current1, "
                + "current2, current3, voltage1, voltage2, voltage3, phase_power1, phase_power2, phase_power3, frames, "
                + "rejected) VALUES (?, ?, 'standard', 'H PLEINE/CREUSE', 'T1', 'HEURES CREUSES', ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?, ?, 40, 0)")) {
            for (int m = 0; m < MINUTES; m++) {
                if (m % 7 == 3 || (m / 60) % 13 == 5) {
                    continue; // a missing minute, or a whole hour without readings
                }
                insert(s, START + 60L * m, m);
            }
            s.executeBatch();
        }
        ReadingHourRebuild.run(dataSource);
    }

    static void insert(PreparedStatement s, long t, int m) throws SQLException {
        int p = 1;
        s.setString(p++, METER);
        s.setLong(p++, t);
        int power = 500 + (m * 37) % 4000;
        s.setInt(p++, power);
        s.setInt(p++, power - 100);
        s.setInt(p++, power + 300);
        for (int k = 0; k < 3; k++) {
            s.setInt(p++, (m * (k + 3)) % 31);
        }
        for (int k = 0; k < 3; k++) {
            s.setInt(p++, 226 + (m * (k + 1)) % 9);
        }
        for (int k = 0; k < 3; k++) {
            if (m % 2 == 0) {
                s.setInt(p++, (power * (k + 1)) % 2301);
            } else {
                s.setNull(p++, java.sql.Types.SMALLINT);
            }
        }
        s.addBatch();
    }

    /** What the database averages over the minute readings of [from, to) in buckets of step seconds. */
    static List<String> databaseAverages(DataSource dataSource, long from, long to, long step) throws SQLException {
        List<String> points = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(SqlFiles.statement("web-phases-minute.sql"))) {
            s.setLong(1, step);
            s.setString(2, METER);
            s.setLong(3, from);
            s.setLong(4, to);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Long[] point = new Long[10];
                    point[0] = rs.getLong(1) * step * 1000;
                    for (int i = 0; i < 9; i++) {
                        double v = rs.getDouble(i + 2);
                        point[i + 1] = rs.wasNull() ? null : Math.round(v);
                    }
                    points.add(Arrays.toString(point));
                }
            }
        }
        return points;
    }

    static List<String> asText(PhaseSeriesQuery.PhaseSeries series) {
        return series.points().stream().map(Arrays::toString).toList();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void hourBucketsEqualTheDatabasesAveragesAndFollowALateReading(TestDatabase database) throws Exception {
        try (HikariDataSource dataSource = Database.pool(database.newDatabaseUrl(), null, null, 2)) {
            Database.migrate(dataSource);
            seed(dataSource);
            PhaseSeriesQuery query = new PhaseSeriesQuery(dataSource);
            // from and to inside an hour: a part of an hour at either end, whole hours in between; 3-hour buckets
            long from = START + 1800 + 17;
            long to = START + MINUTES * 60L - 2400;
            int points = 26;
            PhaseSeriesQuery.PhaseSeries first = query.run(METER, new TimeRange(from, to), points);
            assertThat(first.step()).isEqualTo(3 * 3600);
            List<String> expected = databaseAverages(dataSource, from / 60 * 60, to, first.step());
            assertThat(expected).hasSizeGreaterThan(20);
            assertThat(asText(first)).containsExactlyElementsOf(expected);
            assertThat(first.points().get(0)[7]).as("phase powers in half of the minutes").isNotNull();
            // from the kept hours: the same
            assertThat(asText(query.run(METER, new TimeRange(from, to), points))).containsExactlyElementsOf(expected);

            // late readings: one in a minute that was missing from an hour already read, others in an hour that had
            // none; the roll-up counts them as ingestion does
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "INSERT INTO reading (meter, t, mode, tariff_option, period, period_raw, power_avg, power_min, "
                    + "power_max, current1, current2, current3, voltage1, voltage2, voltage3, phase_power1, "
                    + "phase_power2, phase_power3, frames, rejected) VALUES (?, ?, 'standard', 'H PLEINE/CREUSE', "
                    + "'T1', 'HEURES CREUSES', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 40, 0)")) {
                for (long t : new long[] {START + 60L * 66, START + 60L * (5 * 60 + 1)}) {
                    // minute 66, in the first whole hour read (66 % 7 == 3); a minute of hour 5, which had none
                    int p = 1;
                    s.setString(p++, METER);
                    s.setLong(p++, t);
                    for (int v : new int[] {20_000, 19_000, 21_000, 400, 400, 400, 900, 900, 900, 30_000, 30_000,
                        30_000}) {
                        s.setInt(p++, v);
                    }
                    s.addBatch();
                }
                s.executeBatch();
            }
            ReadingHourRebuild.run(dataSource);
            List<String> after = databaseAverages(dataSource, from / 60 * 60, to, first.step());
            assertThat(after).isNotEqualTo(expected);
            assertThat(asText(query.run(METER, new TimeRange(from, to), points))).containsExactlyElementsOf(after);

            // with room for fewer hours than a request reads, nothing is kept and the answers stay the same
            PhaseSeriesQuery small = new PhaseSeriesQuery(dataSource, 30);
            for (int k = 0; k < 2; k++) {
                assertThat(asText(small.run(METER, new TimeRange(from, to), points))).containsExactlyElementsOf(after);
                assertThat(asText(small.run(METER, new TimeRange(START + 7200, START + 30 * 3600), 5)))
                        .containsExactlyElementsOf(databaseAverages(dataSource, START + 7200, START + 30 * 3600,
                                small.run(METER, new TimeRange(START + 7200, START + 30 * 3600), 5).step()));
            }

            // buckets of less than an hour are the database's averages as before
            PhaseSeriesQuery.PhaseSeries fine = query.run(METER, new TimeRange(START, START + 6 * 3600), 500);
            assertThat(fine.step()).isEqualTo(60);
            assertThat(asText(fine)).containsExactlyElementsOf(databaseAverages(dataSource, START, START + 6 * 3600,
                    60));
        }
    }
}
