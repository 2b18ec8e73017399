package teleinfo.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;

import teleinfo.server.ReadingRow;
import teleinfo.server.ReadingStore;
import teleinfo.server.ReadingValidator;
import teleinfo.storage.Database;

/**
 * What the fsync after each storing commit costs on the embedded H2 (issue 9, item 2): {@link ReadingStore} on an H2
 * file database as shipped ({@code CHECKPOINT SYNC} after the commit) against the same store with the sync skipped
 * (its DataSource reports another product name, the only way the store decides). Each round and variant on a fresh
 * database directory, the variants alternating so that other load weighs on both. Per variant: single-reading stores
 * one after the other (latency), then batches of 500 (readings/s).
 * Options: {@code --rounds 3 --singles 300 --batches 20 --dir target/h2-durability}.
 */
public final class H2DurabilityBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        int singles = 300;
        int batches = 20;
        Path dir = Path.of("target", "h2-durability");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--singles" -> singles = Integer.parseInt(args[i + 1]);
                case "--batches" -> batches = Integer.parseInt(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("variant   round  single p50 ms  p99 ms   batch readings/s%n");
        for (int round = 1; round <= rounds; round++) {
            for (boolean sync : new boolean[] {true, false}) {
                Path data = dir.resolve((sync ? "sync-" : "nosync-") + round);
                deleteTree(data);
                try (HikariDataSource pool = Database.pool(Database.embeddedUrl(data), null, null, 4)) {
                    Database.migrate(pool);
                    ReadingStore store = new ReadingStore(sync ? pool : withoutSync(pool));
                    double[] latencies = new double[singles];
                    for (int i = 0; i < singles; i++) {
                        List<ReadingRow> one = readings("300000000001", i, 1);
                        long t0 = System.nanoTime();
                        store.store(one);
                        latencies[i] = (System.nanoTime() - t0) / 1e6;
                    }
                    Arrays.sort(latencies);
                    long t0 = System.nanoTime();
                    for (int b = 0; b < batches; b++) {
                        store.store(readings("300000000002", b * 500, 500));
                    }
                    double perSecond = batches * 500 / ((System.nanoTime() - t0) / 1e9);
                    System.out.printf("%-9s %5d  %13.2f  %6.2f   %18.0f%n", sync ? "fsync" : "no fsync", round,
                            latencies[singles / 2], latencies[(int) (singles * 0.99)], perSecond);
                }
                deleteTree(data);
            }
        }
    }

    private static List<ReadingRow> readings(String meter, int firstMinute, int count) {
        long start = Instant.now().minusSeconds(30L * 86400).getEpochSecond() / 60 * 60;
        ArrayNode batch = JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            long minute = firstMinute + i;
            ObjectNode r = batch.addObject();
            r.put("meter", meter).put("time", Instant.ofEpochSecond(start + minute * 60).toString())
                    .put("mode", "historic").put("option", "HC..").put("period", "HP").put("periodRaw", "HP..");
            r.putObject("power").put("avg", 800).put("min", 400).put("max", 2900);
            r.putArray("current").add(4);
            r.putObject("registers").put("HCHC", 12_345_678L + minute).put("HCHP", 2_345_678L + minute);
            r.put("frames", 41).put("rejected", 0);
        }
        return new ReadingValidator().validate(batch, 10_000);
    }

    /** The same pool, but its connections say they are not H2, so the store skips CHECKPOINT SYNC. */
    private static DataSource withoutSync(DataSource pool) {
        return proxy(DataSource.class, pool, (method, args) -> {
            Object result = method.invoke(pool, args);
            return method.getName().equals("getConnection") ? connection((Connection) result) : result;
        });
    }

    private static Connection connection(Connection c) {
        return proxy(Connection.class, c, (method, args) -> {
            Object result = method.invoke(c, args);
            return method.getName().equals("getMetaData") ? proxy(DatabaseMetaData.class, result,
                    (m, a) -> m.getName().equals("getDatabaseProductName") ? "H2 without sync (benchmark)"
                            : m.invoke(result, a)) : result;
        });
    }

    interface Call {
        Object call(java.lang.reflect.Method method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, Call call) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            try {
                return call.call(method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
