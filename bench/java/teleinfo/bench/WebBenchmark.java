package teleinfo.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import routes.server.JsonApiErrors;
import routes.web.DataApiRoute;
import routes.web.WebPageRoute;
import teleinfo.server.HourRollUp;
import teleinfo.storage.Database;
import teleinfo.web.ReadingHourRebuild;
import teleinfo.web.WebConfiguration;

/**
 * Speed of the chart with one year of minute readings (525,600 per meter) for three meters in MariaDB — a historic
 * HP/HC meter, a historic Tempo meter and a standard three-phase producer (injection, per-phase values) —: seeds a
 * fresh database, rebuilds the hourly roll-up, serves the web routes on a free port and measures {@code /api/power}
 * over the year, {@code /api/energy?step=day} over the year, {@code /api/summary}, {@code /api/phases}, and page
 * opened to chart drawn in headless Chromium.
 *
 * <p>{@code bench/web-benchmark.sh} (server from TELEINFO_BENCH_JDBC_URL, default
 * {@code jdbc:mysql://127.0.0.1:3306/?user=root}; the database it creates is dropped at the end). With
 * TELEINFO_BENCH_DATABASE=name it uses that database instead, seeds it only when it has no reading, and keeps it: to
 * measure again after a change without seeding again (drop it by hand when done).
 */
public final class WebBenchmark {
    private static final String METER = "021528603314";
    private static final String TEMPO = "021861348497";
    private static final String PRODUCER = "041876097452";

    /** The three kinds of meter seeded. */
    private enum Kind { HPHC, TEMPO, PRODUCER }
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final int REQUEST_RUNS = 50;

    private WebBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String server = System.getenv().getOrDefault("TELEINFO_BENCH_JDBC_URL", "jdbc:mysql://127.0.0.1:3306/?user=root");
        String kept = System.getenv("TELEINFO_BENCH_DATABASE");
        String database = kept != null && !kept.isBlank() ? kept.strip() : "teleinfo_bench_" + System.currentTimeMillis();
        int q = server.indexOf('?');
        String url = server.substring(0, q).replaceAll("/$", "") + "/" + database + server.substring(q)
                + "&rewriteBatchedStatements=true";
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + database);
        }
        try (HikariDataSource dataSource = Database.pool(url, null, null, 4)) {
            Database.migrate(dataSource);
            Instant yearStart = LocalDate.of(2025, 11, 1).atStartOfDay(PARIS).toInstant();
            Instant yearEnd = yearStart.plus(Duration.ofDays(365));
            if (kept == null || kept.isBlank() || isEmpty(dataSource)) {
                long started = System.nanoTime();
                int rows = seed(dataSource, yearStart, yearEnd, METER, Kind.HPHC)
                        + seed(dataSource, yearStart, yearEnd, TEMPO, Kind.TEMPO)
                        + seed(dataSource, yearStart, yearEnd, PRODUCER, Kind.PRODUCER);
                System.out.printf(Locale.ROOT, "seeded %,d minute readings in %.1f s%n", rows, seconds(started));
                started = System.nanoTime();
                ReadingHourRebuild.run(dataSource);
                System.out.printf(Locale.ROOT, "rebuilt reading_hour in %.1f s%n", seconds(started));
            } else {
                System.out.println("reusing the readings of database " + database);
            }

            int port = freePort();
            CamelContext camel = new DefaultCamelContext();
            Properties properties = new Properties();
            properties.setProperty("http.port", String.valueOf(port));
            properties.setProperty("web.meter.names", METER + ":Maison," + TEMPO + ":Tempo," + PRODUCER + ":Solaire");
            camel.getPropertiesComponent().setInitialProperties(properties);
            camel.getRegistry().bind("dataSource", dataSource);
            camel.getRegistry().bind("hourRollUp", new HourRollUp(dataSource)); // as ServerConfiguration does
            new WebConfiguration().configure(camel);
            camel.addRoutes(new JsonApiErrors());
            camel.addRoutes(new WebPageRoute());
            camel.addRoutes(new DataApiRoute());
            camel.start();
            try {
                String base = "http://127.0.0.1:" + port;
                String range = "meter=" + METER + "&from=" + yearStart.toEpochMilli() + "&to=" + yearEnd.toEpochMilli();
                measure("GET /api/power, whole year, points=1000", base + "/api/power?" + range + "&points=1000");
                measure("GET /api/energy, whole year, step=day", base + "/api/energy?" + range + "&step=day&tz=Europe/Paris");
                String lastMonth = "meter=" + METER + "&from=" + yearEnd.minus(Duration.ofDays(31)).toEpochMilli()
                        + "&to=" + yearEnd.toEpochMilli();
                measure("GET /api/power, last 31 days, points=1200",
                        base + "/api/power?" + lastMonth + "&points=1200");
                String producerRange = "meter=" + PRODUCER + "&from=" + yearStart.toEpochMilli() + "&to="
                        + yearEnd.toEpochMilli();
                measure("GET /api/power, producer, whole year, points=1000",
                        base + "/api/power?" + producerRange + "&points=1000");
                measure("GET /api/energy, producer, whole year, step=day",
                        base + "/api/energy?" + producerRange + "&step=day&tz=Europe/Paris");
                measure("GET /api/phases, producer, last day, points=600", base + "/api/phases?meter=" + PRODUCER
                        + "&from=" + yearEnd.minus(Duration.ofDays(1)).toEpochMilli() + "&to=" + yearEnd.toEpochMilli()
                        + "&points=600");
                measure("GET /api/phases, producer, whole year, points=600",
                        base + "/api/phases?" + producerRange + "&points=600");
                measure("GET /api/summary, Tempo meter", base + "/api/summary?meter=" + TEMPO + "&tz=Europe/Paris&now="
                        + yearEnd.toEpochMilli());
                measure("GET /api/meters, three meters", base + "/api/meters");
                pageOpenToChartDrawn(base + "/?meter=" + METER);
                pageOpenToChartDrawn(base + "/?meter=" + PRODUCER);
            } finally {
                camel.stop();
            }
        } finally {
            if (kept == null || kept.isBlank()) {
                try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE " + database);
                }
            }
        }
    }

    private static boolean isEmpty(HikariDataSource dataSource) throws java.sql.SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM (SELECT 1 FROM reading LIMIT 1) r")) {
            rs.next();
            return rs.getInt(1) == 0;
        }
    }

    /**
     * A year of plausible minute readings of one meter: heures creuses 22:00-06:00, more power on winter evenings; a
     * Tempo meter's colours follow the simulator's calendar; the producer injects around midday and sends its phases.
     */
    private static int seed(HikariDataSource dataSource, Instant from, Instant to, String meter, Kind kind)
            throws Exception {
        Random random = new Random(42 + kind.ordinal());
        int rows = 0;
        double[] wh = {12_345_678, 23_456_789, 612_345, 1_023_456, 201_234, 350_123};
        double injected = 3_456_789;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO reading (meter, t, mode, tariff_option, "
                    + "period, period_raw, power_avg, power_min, power_max, injection_avg, injection_min, "
                    + "injection_max, current1, current2, current3, voltage1, voltage2, voltage3, phase_power1, "
                    + "phase_power2, phase_power3, subscribed_va, tomorrow, frames, rejected, e_hchc, e_hchp, "
                    + "e_bbrhcjb, e_bbrhpjb, e_bbrhcjw, e_bbrhpjw, e_bbrhcjr, e_bbrhpjr, e_east, e_easf01, e_easf02, "
                    + "e_eait) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 41, 0, "
                    + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (long t = from.getEpochSecond(); t < to.getEpochSecond(); t += 60) {
                    ZonedDateTime local = Instant.ofEpochSecond(t).atZone(PARIS);
                    int hour = local.getHour();
                    boolean offPeak = hour >= 22 || hour < 6;
                    double winter = 1 + Math.cos((local.getDayOfYear() - 15) * 2 * Math.PI / 365);
                    double profile = 350 + (hour >= 18 && hour < 22 ? 1400 : hour >= 7 && hour < 9 ? 900 : 0)
                            + winter * (offPeak ? 1200 : 600);
                    int load = (int) Math.max(80, profile + random.nextGaussian() * 250);
                    int pv = kind == Kind.PRODUCER ? (int) Math.max(0, (3 - winter) * 1500
                            * Math.exp(-Math.pow((hour + local.getMinute() / 60.0 - 13.5) / 2.6, 2) / 2)) : 0;
                    int avg = Math.max(0, load - pv);
                    int inject = Math.max(0, pv - load);
                    int min = (int) (avg * (0.6 + 0.3 * random.nextDouble()));
                    int max = (int) (avg * (1.1 + random.nextDouble()));
                    var colour = teleinfo.simulator.MeterSimulator.tempoColour(local.minusHours(6).toLocalDate());
                    int register = kind == Kind.TEMPO ? 2 * colour.ordinal() + (offPeak ? 0 : 1) : offPeak ? 0 : 1;
                    wh[register] += avg / 60.0;
                    injected += inject / 60.0;
                    String period = kind == Kind.TEMPO ? (offPeak ? "HC" : "HP") + "J" + "BWR".charAt(colour.ordinal())
                            : kind == Kind.PRODUCER ? (offPeak ? "T1" : "T2") : offPeak ? "HC" : "HP";
                    int p = 1;
                    insert.setString(p++, meter);
                    insert.setLong(p++, t);
                    insert.setString(p++, kind == Kind.PRODUCER ? "standard" : "historic");
                    insert.setString(p++, kind == Kind.TEMPO ? "BBR(" : kind == Kind.PRODUCER ? "H PLEINE/CREUSE" : "HC..");
                    insert.setString(p++, period);
                    insert.setString(p++, kind == Kind.PRODUCER ? (offPeak ? " HEURES CREUSES " : " HEURES PLEINES ")
                            : kind == Kind.TEMPO ? period : period + "..");
                    insert.setInt(p++, avg);
                    insert.setInt(p++, min);
                    insert.setInt(p++, max);
                    for (int k = 0; k < 3; k++) {
                        setOrNull(insert, p++, kind == Kind.PRODUCER ? (Integer) inject : null);
                    }
                    boolean three = kind == Kind.PRODUCER;
                    insert.setInt(p++, three ? avg / 690 : avg / 230);
                    setOrNull(insert, p++, three ? (Integer) (avg / 690) : null);
                    setOrNull(insert, p++, three ? (Integer) (avg / 690) : null);
                    for (int k = 0; k < 3; k++) {
                        setOrNull(insert, p++, three ? (Integer) (229 + random.nextInt(4)) : null);
                    }
                    for (int k = 0; k < 3; k++) {
                        setOrNull(insert, p++, three ? (Integer) (avg / 3) : null);
                    }
                    insert.setInt(p++, kind == Kind.PRODUCER ? 12_000 : 9_000);
                    insert.setString(p++, kind == Kind.TEMPO ? "BLEU" : null);
                    for (int k = 0; k < 8; k++) { // HCHC HCHP, then the six Tempo registers
                        boolean used = kind == Kind.HPHC ? k < 2 : kind == Kind.TEMPO && k >= 2;
                        setOrNull(insert, p++, used ? (Long) (long) wh[k < 2 ? k : k - 2] : null);
                    }
                    setOrNull(insert, p++, kind == Kind.PRODUCER ? (Long) (long) (wh[0] + wh[1]) : null);
                    setOrNull(insert, p++, kind == Kind.PRODUCER ? (Long) (long) wh[0] : null);
                    setOrNull(insert, p++, kind == Kind.PRODUCER ? (Long) (long) wh[1] : null);
                    setOrNull(insert, p++, kind == Kind.PRODUCER ? (Long) (long) injected : null);
                    insert.addBatch();
                    if (++rows % 5000 == 0) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
        }
        return rows;
    }

    private static void setOrNull(PreparedStatement ps, int p, Object value) throws java.sql.SQLException {
        if (value == null) {
            ps.setNull(p, java.sql.Types.BIGINT);
        } else {
            ps.setObject(p, value);
        }
    }

    private static void measure(String name, String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        long bytes = 0;
        double firstMillis = 0;
        for (int i = 0; i < 20; i++) {
            long sent = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (i == 0) {
                firstMillis = (System.nanoTime() - sent) / 1e6;
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " → " + response.statusCode() + " " + new String(response.body()));
            }
            bytes = response.body().length;
        }
        double[] millis = new double[REQUEST_RUNS];
        for (int i = 0; i < REQUEST_RUNS; i++) {
            long started = System.nanoTime();
            http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        report(name + " (" + bytes / 1024 + " KiB, first request " + Math.round(firstMillis) + " ms)", millis);
    }

    /** Navigation start to the first detailed chart drawn (the page records it), fresh profile then reloads. */
    private static void pageOpenToChartDrawn(String url) throws Exception {
        Path profile = Files.createTempDirectory("chromium-bench");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .withEnvironment(Map.of("TZ", "Europe/Paris"))
                .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            int runs = 10;
            double[] millis = new double[runs];
            for (int i = 0; i < runs; i++) {
                browser.get(i == 0 ? url : url + (url.contains("?") ? "&" : "?") + "run=" + i);
                new WebDriverWait(browser, Duration.ofSeconds(30)).until(
                        d -> "true".equals(d.findElement(By.id("power")).getAttribute("data-drawn")));
                millis[i] = ((Number) ((JavascriptExecutor) browser).executeScript("return teleinfo.drawnAt"))
                        .doubleValue();
                if (i == 0) {
                    System.out.println("  first load: " + timeline(browser));
                }
            }
            System.out.printf(Locale.ROOT, "page %s opened to chart drawn, first load (empty cache): %.0f ms%n",
                    url.replaceAll(".*/", "/"), millis[0]);
            System.out.println("  last load: " + timeline(browser));
            report("page " + url.replaceAll(".*/", "/") + " opened to chart drawn, next loads",
                    Arrays.copyOfRange(millis, 1, runs));
        } finally {
            browser.quit();
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** When the page was ready and when each file and API request started and how long it took (ms). */
    private static Object timeline(ChromeDriver browser) {
        return browser.executeScript("var n = performance.getEntriesByType('navigation')[0];"
                + "return 'DOMContentLoaded at ' + Math.round(n.domContentLoadedEventEnd) + ', ' + performance"
                + ".getEntriesByType('resource').map(function (r) { return r.name.replace(location.origin, '')"
                + ".replace(/[?].*/, '') + ' ' + Math.round(r.startTime) + '+' + Math.round(r.duration); }).join(', ')");
    }

    private static void report(String name, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: median %.1f ms, p95 %.1f ms, min %.1f ms, max %.1f ms (%d runs)%n", name,
                sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.95) - 1], sorted[0],
                sorted[sorted.length - 1], sorted.length);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
