package teleinfo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static teleinfo.server.TestReadings.BASE_T;
import static teleinfo.server.TestReadings.array;
import static teleinfo.server.TestReadings.historic;
import static teleinfo.server.TestReadings.rows;
import static teleinfo.server.TestReadings.standard;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import teleinfo.storage.Database;
import teleinfo.testsupport.TestDatabase;
import teleinfo.web.ReadingHourRebuild;

/**
 * The roll-up upsert that names only the columns a batch has values for, and the time of the hour's latest reading
 * (V4) that keeps the period without a query per row: roll-ups stay equal to a rebuild, on MariaDB and H2.
 */
class ReadingHourUpsertTest {
    @RegisterExtension
    final MigratedStore db = new MigratedStore();

    @Test
    void aBatchNamesOnlyTheOptionalColumnsItHasValuesFor() {
        String historic = statementFor(List.of(historic("021528603314", 0), historic("021528603314", 1)));
        assertThat(historic).contains("e_hchc", "e_hchp", "latest_t")
                .doesNotContain("e_base", "e_east", "injection_sum", "injection_max", "overloads");
        ObjectNode overloaded = historic("021528603315", 2);
        overloaded.put("overload", true);
        String mixed = statementFor(List.of(historic("021528603314", 0), overloaded, standard("SX1234567890", 0)));
        assertThat(mixed).contains("e_hchc", "e_east", "e_easf02", "e_erq1", "injection_sum", "injection_max",
                "overloads").doesNotContain("e_base", "e_bbrhcjb", "e_easd01");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rollUpsEqualARebuildWhenBatchesCarryDifferentColumnsAndArriveOutOfOrder(TestDatabase database) throws Exception {
        ReadingStore store = db.open(database);
        String meter = "SX1234567890";
        // minutes 30..89 (but 61) with injection, some overloaded, and a historic meter (no injection) in the batch
        List<ObjectNode> late = new ArrayList<>();
        for (int m = 30; m < 90; m++) {
            if (m != 61) {
                ObjectNode r = standard(meter, m);
                r.put("period", m % 3 == 0 ? "T1" : "T2");
                if (m % 7 == 0) {
                    r.put("overload", true);
                }
                late.add(r);
            }
            late.add(historic("021528603314", m));
        }
        store.store(rows(array(late)));
        // minutes 0..29 without injection nor registers EAIT, ERQ1, in a batch whose minute 120 (a new hour) has them:
        // the NULLs of hour 0 must leave what it holds
        List<ObjectNode> early = new ArrayList<>();
        for (int m = 0; m < 30; m++) {
            ObjectNode r = standard(meter, m);
            r.remove("injection");
            ((ObjectNode) r.get("registers")).remove(List.of("EAIT", "ERQ1"));
            early.add(r);
        }
        early.add(standard(meter, 120));
        assertThat(store.store(rows(array(early)))).isEqualTo(new StoreResult(31, 0));
        // an older reading of hour 1 arriving last: the period stays that of minute 89
        ObjectNode older = standard(meter, 61);
        older.put("period", "T1");
        store.store(rows(older));
        db.fold();

        List<List<Object>> incremental = db.table("SELECT * FROM reading_hour ORDER BY meter, t");
        assertThat(incremental).hasSize(5);
        ReadingHourRebuild.run(db.dataSource);
        assertThat(incremental).isEqualTo(db.table("SELECT * FROM reading_hour ORDER BY meter, t"));
        assertThat(db.table("SELECT period, latest_t, n, injection_sum, overloads, e_eait FROM reading_hour"
                + " WHERE meter = '" + meter + "' ORDER BY t")).containsExactly(
                        List.of("T2", BASE_T + 59 * 60, 60L, 300L, 4L, 1000L), // overloaded: 35, 42, 49, 56
                        List.of("T2", BASE_T + 89 * 60, 30L, 300L, 4L, 1000L), // 63, 70, 77, 84
                        java.util.Arrays.asList("T2", BASE_T + 120 * 60, 1L, 10L, null, 1000L));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void v4GivesTheHoursStoredBeforeItTheTimeOfTheirLatestReadingAndRunsAgainSafely(TestDatabase database) throws Exception {
        ReadingStore store = db.open(database);
        String meter = "021528603314";
        List<ObjectNode> hours = new ArrayList<>();
        for (int m = 0; m < 90; m++) {
            if (m != 60) {
                hours.add(historic(meter, m));
            }
        }
        store.store(rows(array(hours)));
        db.fold();
        // the hours as V3 left them, V4 (and V5 after it) not yet recorded (or V4 interrupted after adding the column)
        execute("UPDATE reading_hour SET latest_t = NULL", "DELETE FROM flyway_schema_history WHERE version IN ('4', '5')");
        Database.migrate(db.dataSource);
        assertThat(db.table("SELECT t, latest_t, period FROM reading_hour ORDER BY t")).containsExactly(
                List.of(BASE_T, BASE_T + 59 * 60, "HC"), List.of(BASE_T + 3600, BASE_T + 89 * 60, "HC"));
        // an older reading of hour 1 (HP) arriving now keeps the period of the latest (minute 89, HC)
        store.store(rows(historic(meter, 60)));
        db.fold();
        List<List<Object>> incremental = db.table("SELECT * FROM reading_hour ORDER BY meter, t");
        assertThat(db.table("SELECT period FROM reading_hour WHERE t = " + (BASE_T + 3600)))
                .containsExactly(List.of("HC"));
        ReadingHourRebuild.run(db.dataSource);
        assertThat(incremental).isEqualTo(db.table("SELECT * FROM reading_hour ORDER BY meter, t"));
    }

    private static String statementFor(List<ObjectNode> readings) {
        long columns = 0;
        for (ReadingHourUpsert.HourTotals h : ReadingHourUpsert.totals(rows(array(readings)))) {
            columns |= h.present;
        }
        return ReadingHourUpsert.statement(columns);
    }

    private void execute(String... statements) throws Exception {
        try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

}
