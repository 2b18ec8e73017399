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
import teleinfo.storage.Database;
import teleinfo.web.ReadingHourRebuild;
import teleinfo.web.WebConfiguration;

/**
 * Speed of the chart with one year of minute readings (525,600) for one meter in MariaDB: seeds a fresh database,
 * rebuilds the hourly roll-up, serves the web routes on a free port and measures {@code /api/power} over the year,
 * {@code /api/energy?step=day} over the year, and page opened to chart drawn in headless Chromium.
 *
 * <p>{@code bench/web-benchmark.sh} (server from TELEINFO_BENCH_JDBC_URL, default
 * {@code jdbc:mysql://127.0.0.1:3306/?user=root}; the database it creates is dropped at the end).
 */
public final class WebBenchmark {
    private static final String METER = "021528603314";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final int REQUEST_RUNS = 50;

    private WebBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String server = System.getenv().getOrDefault("TELEINFO_BENCH_JDBC_URL", "jdbc:mysql://127.0.0.1:3306/?user=root");
        String database = "teleinfo_bench_" + System.currentTimeMillis();
        int q = server.indexOf('?');
        String url = server.substring(0, q).replaceAll("/$", "") + "/" + database + server.substring(q)
                + "&rewriteBatchedStatements=true";
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        try (HikariDataSource dataSource = Database.pool(url, null, null, 4)) {
            Database.migrate(dataSource);
            Instant yearStart = LocalDate.of(2025, 11, 1).atStartOfDay(PARIS).toInstant();
            Instant yearEnd = yearStart.plus(Duration.ofDays(365));
            long started = System.nanoTime();
            int rows = seed(dataSource, yearStart, yearEnd);
            System.out.printf(Locale.ROOT, "seeded %,d minute readings in %.1f s%n", rows, seconds(started));
            started = System.nanoTime();
            ReadingHourRebuild.run(dataSource);
            System.out.printf(Locale.ROOT, "rebuilt reading_hour in %.1f s%n", seconds(started));

            int port = freePort();
            CamelContext camel = new DefaultCamelContext();
            Properties properties = new Properties();
            properties.setProperty("http.port", String.valueOf(port));
            properties.setProperty("web.prices", "HP:0.2700,HC:0.2068");
            properties.setProperty("web.subscription", "15.65");
            camel.getPropertiesComponent().setInitialProperties(properties);
            camel.getRegistry().bind("dataSource", dataSource);
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
                pageOpenToChartDrawn(base + "/");
            } finally {
                camel.stop();
            }
        } finally {
            try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE " + database);
            }
        }
    }

    /** A year of plausible minute readings: heures creuses 22:00-06:00, more power on winter evenings. */
    private static int seed(HikariDataSource dataSource, Instant from, Instant to) throws Exception {
        Random random = new Random(42);
        int rows = 0;
        double hchc = 12_345_678;
        double hchp = 23_456_789;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO reading (meter, t, mode, tariff_option, "
                    + "period, period_raw, power_avg, power_min, power_max, current1, frames, rejected, e_hchc, e_hchp) "
                    + "VALUES (?, ?, 'historic', 'HC..', ?, ?, ?, ?, ?, ?, 41, 0, ?, ?)")) {
                for (long t = from.getEpochSecond(); t < to.getEpochSecond(); t += 60) {
                    ZonedDateTime local = Instant.ofEpochSecond(t).atZone(PARIS);
                    int hour = local.getHour();
                    boolean offPeak = hour >= 22 || hour < 6;
                    double winter = 1 + Math.cos((local.getDayOfYear() - 15) * 2 * Math.PI / 365);
                    double profile = 350 + (hour >= 18 && hour < 22 ? 1400 : hour >= 7 && hour < 9 ? 900 : 0)
                            + winter * (offPeak ? 1200 : 600);
                    int avg = (int) Math.max(80, profile + random.nextGaussian() * 250);
                    int min = (int) (avg * (0.6 + 0.3 * random.nextDouble()));
                    int max = (int) (avg * (1.1 + random.nextDouble()));
                    if (offPeak) {
                        hchc += avg / 60.0;
                    } else {
                        hchp += avg / 60.0;
                    }
                    insert.setString(1, METER);
                    insert.setLong(2, t);
                    insert.setString(3, offPeak ? "HC" : "HP");
                    insert.setString(4, offPeak ? "HC.." : "HP..");
                    insert.setInt(5, avg);
                    insert.setInt(6, min);
                    insert.setInt(7, max);
                    insert.setInt(8, avg / 230);
                    insert.setLong(9, (long) hchc);
                    insert.setLong(10, (long) hchp);
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

    private static void measure(String name, String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        long bytes = 0;
        for (int i = 0; i < 20; i++) {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
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
        report(name + " (" + bytes / 1024 + " KiB)", millis);
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
                browser.get(i == 0 ? url : url + "?run=" + i);
                new WebDriverWait(browser, Duration.ofSeconds(30)).until(
                        d -> "true".equals(d.findElement(By.id("power")).getAttribute("data-drawn")));
                millis[i] = ((Number) ((JavascriptExecutor) browser).executeScript("return teleinfo.drawnAt"))
                        .doubleValue();
                if (i == 0) {
                    System.out.println("  first load: " + timeline(browser));
                }
            }
            System.out.printf(Locale.ROOT, "page opened to chart drawn, first load (empty cache): %.0f ms%n", millis[0]);
            System.out.println("  last load: " + timeline(browser));
            report("page opened to chart drawn, next loads", Arrays.copyOfRange(millis, 1, runs));
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
