package teleinfo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static teleinfo.server.TestReadings.array;
import static teleinfo.server.TestReadings.historic;
import static teleinfo.server.TestReadings.rows;
import static teleinfo.server.TestReadings.standard;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import teleinfo.server.ReadingHourUpsert.HourTotals;
import teleinfo.testsupport.TestDatabase;
import teleinfo.web.ReadingHourRebuild;

/**
 * The roll-up queued by ingestion and folded later: folded exactly once whatever the interleaving of stores and
 * folders, equal to a rebuild from the readings, on MariaDB and H2.
 */
class HourRollUpTest {
    @RegisterExtension
    final MigratedStore db = new MigratedStore();

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void concurrentStoresAndFoldersCountEachReadingOnceInTheRollUp(TestDatabase database) throws Exception {
        ReadingStore store = db.open(database);
        // two folders that do not share their lock, as two server instances: on MariaDB the database settles which
        // folds a pending row; embedded H2 is one process by construction (its file is locked), so one folder there,
        // used from two threads
        HourRollUp first = new HourRollUp(db.dataSource);
        HourRollUp second = database == TestDatabase.H2 ? first : new HourRollUp(db.dataSource);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        AtomicBoolean storing = new AtomicBoolean(true);
        AtomicInteger folded = new AtomicInteger();
        AtomicInteger queued = new AtomicInteger();
        List<Future<?>> writers = new ArrayList<>();
        long seed = System.nanoTime();
        for (int w = 0; w < 3; w++) {
            Random random = new Random(seed + w);
            writers.add(pool.submit(() -> {
                for (int b = 0; b < 15; b++) {
                    // 20 meters x 3 minutes of 3 hours, drawn at random: writers overlap (duplicates) and hours are
                    // added to in many pieces, out of order
                    int minute = random.nextInt(178);
                    List<ObjectNode> batch = new ArrayList<>();
                    for (int m = 0; m < 20; m++) {
                        for (int k = 0; k < 3; k++) {
                            batch.add(m % 2 == 0 ? historic(String.format("0215286033%02d", m), minute + k)
                                    : standard(String.format("SX12345678%02d", m), minute + k));
                        }
                    }
                    if (store.store(rows(array(batch))).stored() > 0) {
                        queued.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        List<Future<?>> folders = new ArrayList<>();
        for (HourRollUp folder : List.of(first, second)) {
            folders.add(pool.submit(() -> {
                while (storing.get()) {
                    folded.addAndGet(folder.foldPending());
                }
                return null;
            }));
        }
        for (Future<?> w : writers) {
            w.get(120, TimeUnit.SECONDS);
        }
        storing.set(false);
        for (Future<?> f : folders) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        folded.addAndGet(first.foldPending());

        assertThat(folded.get()).as("seed %d: each pending row folded once; one per store that stored something", seed)
                .isEqualTo(queued.get());
        assertThat(count("SELECT COUNT(*) FROM reading_hour_pending")).isZero();
        assertThat(count("SELECT SUM(n) FROM reading_hour")).as("seed %d", seed)
                .isEqualTo(count("SELECT COUNT(*) FROM reading"));
        List<List<Object>> incremental = db.table("SELECT * FROM reading_hour ORDER BY meter, t");
        ReadingHourRebuild.run(db.dataSource);
        assertThat(incremental).as("seed %d: roll-ups equal a rebuild", seed)
                .isEqualTo(db.table("SELECT * FROM reading_hour ORDER BY meter, t"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aStoreThatStoresNothingQueuesNothingAndAFoldOfNothingWritesNothing(TestDatabase database) throws Exception {
        ReadingStore store = db.open(database);
        store.store(rows(historic("021528603314", 0)));
        assertThat(count("SELECT COUNT(*) FROM reading_hour_pending")).isEqualTo(1);
        store.store(rows(historic("021528603314", 0))); // a duplicate
        assertThat(count("SELECT COUNT(*) FROM reading_hour_pending")).isEqualTo(1);
        assertThat(db.fold()).isEqualTo(1);
        assertThat(db.fold()).isZero();
        assertThat(count("SELECT n FROM reading_hour")).isEqualTo(1);
    }

    @Test
    void theEncodedTotalsComeBackMergedByTheRollUpsRules() {
        List<ReadingRow> readings = new ArrayList<>(rows(array(List.of(standard("SX1234567890", 0),
                standard("SX1234567890", 1), historic("021528603314", 70)))));
        List<HourTotals> decoded = HourRollUp.decode(HourRollUp.encode(ReadingHourUpsert.totals(readings)));
        assertThat(decoded).hasSize(2);
        HourTotals sx = decoded.get(0);
        assertThat(sx.meter).isEqualTo("SX1234567890");
        assertThat(sx.n).isEqualTo(2);
        HourTotals later = ReadingHourUpsert.totals(rows(standard("SX1234567890", 2))).get(0);
        sx.merge(later);
        assertThat(sx.n).isEqualTo(3);
        assertThat(sx.latestT).isEqualTo(later.latestT);
        assertThat(sx.powerSum).isEqualTo(3L * later.powerSum);
        assertThat(sx.present).isEqualTo(later.present);
    }

    private long count(String sql) throws Exception {
        return (Long) db.table(sql).get(0).get(0);
    }
}
