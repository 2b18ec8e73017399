package teleinfo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static teleinfo.server.TestReadings.BASE_T;
import static teleinfo.server.TestReadings.array;
import static teleinfo.server.TestReadings.historic;
import static teleinfo.server.TestReadings.rows;
import static teleinfo.server.TestReadings.standard;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import teleinfo.storage.Database;
import teleinfo.storage.SqlFiles;
import teleinfo.testsupport.FreePort;
import teleinfo.testsupport.TestDatabase;

/** The store against both real databases: MariaDB (or the server of TELEINFO_TEST_JDBC_URL) and H2. */
class ReadingStoreTest {
    @RegisterExtension
    final MigratedStore db = new MigratedStore();

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void storesEveryFieldAndCountsDuplicates(TestDatabase database) throws Exception {
        ReadingStore store = db.open(database);
        assertThat(store.store(rows(array(List.of(historic("021528603314", 0), standard("SX1234567890", 0))))))
                .isEqualTo(new StoreResult(2, 0));
        // the same again, plus one new and one repeated within the request
        StoreResult again = store.store(rows(array(List.of(historic("021528603314", 0), standard("SX1234567890", 0),
                historic("021528603314", 1), historic("021528603314", 1)))));
        assertThat(again).isEqualTo(new StoreResult(1, 3));

        Map<String, Object> h = query("SELECT * FROM reading WHERE meter = '021528603314' AND t = " + BASE_T).get(0);
        assertThat(h).containsEntry("mode", "historic").containsEntry("tariff_option", "HC..")
                .containsEntry("period", "HP").containsEntry("period_raw", "HP..");
        assertThat(num(h, "power_avg")).isEqualTo(800);
        assertThat(num(h, "power_min")).isEqualTo(400);
        assertThat(num(h, "power_max")).isEqualTo(2900);
        assertThat(num(h, "current1")).isEqualTo(4);
        assertThat(h.get("current2")).isNull();
        assertThat(h.get("voltage1")).isNull();
        assertThat(h.get("injection_avg")).isNull();
        assertThat(num(h, "e_hchc")).isEqualTo(12_345_678L);
        assertThat(num(h, "e_hchp")).isEqualTo(2_345_678L);
        assertThat(h.get("e_base")).isNull();
        assertThat(num(h, "frames")).isEqualTo(41);
        assertThat(num(h, "rejected")).isZero();

        Map<String, Object> s = query("SELECT * FROM reading WHERE meter = 'SX1234567890'").get(0);
        assertThat(s).containsEntry("mode", "standard").containsEntry("tariff_option", "H PLEINE/CREUSE")
                .containsEntry("period", "T2").containsEntry("period_raw", "HEURE  PLEINE");
        assertThat(List.of(num(s, "current1"), num(s, "current2"), num(s, "current3"))).containsExactly(3L, 2L, 1L);
        assertThat(List.of(num(s, "voltage1"), num(s, "voltage2"), num(s, "voltage3")))
                .containsExactly(231L, 229L, 232L);
        assertThat(List.of(num(s, "injection_avg"), num(s, "injection_min"), num(s, "injection_max")))
                .containsExactly(10L, 0L, 20L);
        assertThat(num(s, "e_east")).isEqualTo(50_000_000L);
        assertThat(num(s, "e_erq1")).isEqualTo(7L);
        assertThat(num(s, "rejected")).isEqualTo(2);

        assertThat(count("reading")).isEqualTo(3);
        assertRollUpsMatchReadings();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rollUpsMatchARebuildWhateverTheOrderAndDuplicates(TestDatabase database) throws Exception {
        ReadingStore store = db.open(database);
        String meter = "021528603314";
        // two hours of one meter sent out of order in pieces, with overlaps; another meter in between
        List<ObjectNode> late = new ArrayList<>();
        for (int m = 30; m < 90; m++) {
            late.add(historic(meter, m));
        }
        store.store(rows(array(late)));
        List<ObjectNode> early = new ArrayList<>();
        for (int m = 0; m < 40; m++) {
            early.add(historic(meter, m)); // 30..39 are duplicates
        }
        early.add(standard("SX1234567890", 5));
        assertThat(store.store(rows(array(early)))).isEqualTo(new StoreResult(31, 10));
        // an older reading of hour 1 arriving last must not change its period (latest = minute 89, HC)
        store.store(rows(array(List.of(historic(meter, 60)))));
        assertThat(count("reading")).isEqualTo(91);
        assertRollUpsMatchReadings();
        Map<String, Object> hour1 = query("SELECT * FROM reading_hour WHERE meter = '" + meter + "' AND t = "
                + (BASE_T + 3600)).get(0);
        assertThat(hour1).containsEntry("period", "HC");
        assertThat(num(hour1, "n")).isEqualTo(30);

        Map<String, Object> m = meters().get(meter);
        assertThat(num(m, "first_t")).isEqualTo(BASE_T);
        assertThat(num(m, "last_t")).isEqualTo(BASE_T + 89 * 60);
        assertThat(m).containsEntry("mode", "historic");
        // a meter switched to standard mode: the mode of its latest reading
        ObjectNode switched = standard(meter, 100);
        store.store(rows(switched));
        assertThat(meters().get(meter)).containsEntry("mode", "standard");
        assertThat(meters()).hasSize(2);
        assertRollUpsMatchReadings();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aBatchOfTenThousandReadingsIsStoredInOneGo(TestDatabase database) throws Exception {
        ReadingStore store = db.open(database);
        List<ObjectNode> batch = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            batch.add(historic(String.format("%012d", i % 2_000), i / 2_000));
        }
        assertThat(store.store(rows(array(batch)))).isEqualTo(new StoreResult(10_000, 0));
        assertThat(store.store(rows(array(batch)))).isEqualTo(new StoreResult(0, 10_000));
        assertThat(count("reading")).isEqualTo(10_000);
        assertThat(meters()).hasSize(2_000);
        assertRollUpsMatchReadings();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void sqlMetacharactersInTextFieldsAreStoredVerbatim(TestDatabase database) throws Exception {
        ReadingStore store = db.open(database);
        String[] nasty = {"'; DROP --", "\\' OR 1=1#", "\"x\"`y`%_;", "a\\nb'--", "); DELETE"};
        List<ObjectNode> batch = new ArrayList<>();
        for (int i = 0; i < nasty.length; i++) {
            ObjectNode r = standard("021528603314", i);
            r.put("option", nasty[i]);
            r.put("periodRaw", nasty[nasty.length - 1 - i]);
            batch.add(r);
        }
        assertThat(store.store(rows(array(batch)))).isEqualTo(new StoreResult(nasty.length, 0));
        List<Map<String, Object>> stored = query("SELECT tariff_option, period_raw FROM reading ORDER BY t");
        for (int i = 0; i < nasty.length; i++) {
            assertThat(stored.get(i)).containsEntry("tariff_option", nasty[i])
                    .containsEntry("period_raw", nasty[nasty.length - 1 - i]);
        }
        assertThat(meters()).hasSize(1);
    }

    @Test
    void anUnreachableOrUnmigratedDatabaseIsReportedAsUnavailable() throws Exception {
        int closedPort = FreePort.find();
        db.dataSource = Database.pool("jdbc:mysql://127.0.0.1:" + closedPort + "/none?user=root", null, null, 2);
        ReadingStore store = new ReadingStore(db.dataSource);
        assertThatThrownBy(() -> store.store(rows(historic("021528603314", 0))))
                .isInstanceOf(DatabaseUnavailableException.class);
        ReadingStore notMigrated = new ReadingStore(db.dataSource, () -> false);
        assertThatThrownBy(() -> notMigrated.store(rows(historic("021528603314", 0))))
                .isInstanceOf(DatabaseUnavailableException.class);
    }

    /** reading_hour equals what a rebuild from table reading gives (the rule shared with the chart's rebuild). */
    private void assertRollUpsMatchReadings() throws Exception {
        db.fold();
        Map<String, Map<String, Object>> expected = new TreeMap<>();
        for (Map<String, Object> r : query("SELECT * FROM reading ORDER BY meter, t")) {
            long t = num(r, "t");
            long hour = Math.floorDiv(t, 3600) * 3600;
            Map<String, Object> h = expected.computeIfAbsent(r.get("meter") + "@" + hour, k -> new TreeMap<>());
            h.merge("n", 1L, (a, b) -> (Long) a + (Long) b);
            h.merge("power_sum", num(r, "power_avg"), (a, b) -> (Long) a + (Long) b);
            h.merge("power_min", num(r, "power_min"), (a, b) -> Math.min((Long) a, (Long) b));
            h.merge("power_max", num(r, "power_max"), (a, b) -> Math.max((Long) a, (Long) b));
            h.put("period", r.get("period")); // ascending t: the last one wins
            for (int i = 0; i < Registers.COUNT; i++) {
                String col = Registers.column(i);
                Long v = r.get(col) == null ? null : num(r, col);
                h.merge(col, v == null ? "null" : v, (a, b) -> a.equals("null") ? b : b.equals("null") ? a
                        : Math.max((Long) a, (Long) b));
            }
        }
        Map<String, Map<String, Object>> actual = new TreeMap<>();
        for (Map<String, Object> r : query("SELECT * FROM reading_hour")) {
            Map<String, Object> h = new TreeMap<>();
            h.put("n", num(r, "n"));
            h.put("power_sum", num(r, "power_sum"));
            h.put("power_min", num(r, "power_min"));
            h.put("power_max", num(r, "power_max"));
            h.put("period", r.get("period"));
            for (int i = 0; i < Registers.COUNT; i++) {
                String col = Registers.column(i);
                h.put(col, r.get(col) == null ? "null" : num(r, col));
            }
            actual.put(r.get("meter") + "@" + num(r, "t"), h);
        }
        assertThat(actual).isEqualTo(expected);
        // the meters listed (derived from the roll-up): first and last reading of each meter
        Map<String, List<Long>> meters = new TreeMap<>();
        for (Map<String, Object> r : query("SELECT meter, MIN(t) AS a, MAX(t) AS b FROM reading GROUP BY meter")) {
            meters.put((String) r.get("meter"), List.of(num(r, "a"), num(r, "b")));
        }
        Map<String, List<Long>> table = new TreeMap<>();
        for (Map<String, Object> r : meters().values()) {
            table.put((String) r.get("meter"), List.of(num(r, "first_t"), num(r, "last_t")));
        }
        assertThat(table).isEqualTo(meters);
    }

    /** What /api/meters lists, by meter (the API folds what is queued for the roll-up first, so does this). */
    private Map<String, Map<String, Object>> meters() throws Exception {
        db.fold();
        Map<String, Map<String, Object>> byMeter = new TreeMap<>();
        for (Map<String, Object> r : query(SqlFiles.statement("web-meters.sql"))) {
            byMeter.put((String) r.get("meter"), r);
        }
        return byMeter;
    }

    private long count(String table) throws Exception {
        return num(query("SELECT COUNT(*) AS c FROM " + table).get(0), "c");
    }

    private static long num(Map<String, Object> row, String column) {
        return ((Number) Objects.requireNonNull(row.get(column), column)).longValue();
    }

    private List<Map<String, Object>> query(String sql) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i).toLowerCase(), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
