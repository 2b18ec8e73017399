package teleinfo.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import teleinfo.storage.Database;
import teleinfo.testsupport.TestDatabases;

/** The page in a real headless Chromium (Debian packages chromium and chromium-driver), in Paris time. */
class WebPageBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HikariDataSource dataSource;
    private WebServer server;
    private ChromeDriver browser;
    private Path profile;

    private void start(boolean seeded) throws Exception {
        dataSource = Database.pool(TestDatabases.newH2Database(), null, null, 4);
        Database.migrate(dataSource);
        if (seeded) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            new SeededReadings(now.minus(Duration.ofDays(40)), now.plusSeconds(60)).insertInto(dataSource);
        }
        server = new WebServer(dataSource, Map.of("web.prices", "HP:0.25,HC:0.20", "web.subscription", "15"));
        browser = chromium();
    }

    static ChromeDriver chromium(Path profile) {
        return chromium(profile, "en-US");
    }

    /** A headless Chromium whose preferred language is {@code language} (navigator.languages). */
    static ChromeDriver chromium(Path profile, String language) {
        ChromeOptions options = new ChromeOptions();
        options.addArguments("--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,1500");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .withEnvironment(Map.of("TZ", "Europe/Paris"))
                .build();
        return new ChromeDriver(service, options);
    }

    private ChromeDriver chromium() throws Exception {
        profile = Files.createTempDirectory("chromium-profile");
        return chromium(profile);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (dataSource != null) {
            dataSource.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private double number(String script) {
        return ((Number) js(script)).doubleValue();
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @Test
    void thePageDrawsPowerWithBandsAndEnergyBarsThatAddUpToTheApi() throws Exception {
        start(true);
        browser.get(server.url("/"));
        waiting().until(d -> "true".equals(d.findElement(By.id("power")).getAttribute("data-drawn")));
        waiting().until(d -> js("return !!(teleinfo.energy && teleinfo.energy.series.length)").equals(true));

        assertThat(number("return teleinfo.power.series[0].points.length")).isGreaterThan(100);
        assertThat(number("return teleinfo.power.series[1].points.length")).isGreaterThan(100);
        assertThat(number("return teleinfo.power.xAxis[0].plotLinesAndBands.length")).as("tariff bands")
                .isGreaterThanOrEqualTo(2);
        assertThat(browser.findElements(By.cssSelector("#power .highcharts-plot-band"))).isNotEmpty();
        assertThat(browser.findElement(By.id("period-legend")).getText()).contains("Heures creuses", "Heures pleines");
        assertThat(browser.findElement(By.cssSelector("#power-section h2")).getText()).startsWith("Power");
        double dayRange = number("var e = teleinfo.power.xAxis[0].getExtremes(); return e.max - e.min");
        assertThat(dayRange).isCloseTo(86_400_000.0, within(120_000.0));

        clickRangeButton("Week");
        waiting().until(d -> Math.abs(number("var e = teleinfo.power.xAxis[0].getExtremes(); return e.max - e.min")
                - 7 * 86_400_000.0) < 3_600_000);
        clickRangeButton("All");
        waiting().until(d -> number("var e = teleinfo.power.xAxis[0].getExtremes(); return e.max - e.min")
                > 39 * 86_400_000.0);

        // every bar of the energy chart against the API's figures for the same request
        @SuppressWarnings("unchecked")
        Map<String, Object> query = (Map<String, Object>) js("return teleinfo.energyQuery");
        JsonNode energy = JSON.readTree(server.get("/api/energy?meter=" + query.get("meter") + "&from="
                + query.get("from") + "&to=" + query.get("to") + "&step=" + query.get("step") + "&tz="
                + URLEncoder.encode((String) query.get("tz"), StandardCharsets.UTF_8)).body());
        assertThat(query.get("tz")).isEqualTo("Europe/Paris");
        assertThat(energy.get("total").asDouble()).isGreaterThan(0);
        for (String period : List.of("HC", "HP")) {
            double bars = number("return teleinfo.energy.get('" + period + "').yData.reduce(function (a, b) "
                    + "{ return a + b; }, 0)");
            assertThat(bars).as(period).isCloseTo(energy.get("kWh").get(period).asDouble(), within(1e-6));
        }
        assertThat(number("return teleinfo.energy.series[0].points.length")).isEqualTo(energy.get("buckets").size());

        assertThat(browser.findElement(By.id("tile-power")).getText()).endsWith("VA");
        assertThat(browser.findElement(By.id("tile-today")).getText()).endsWith("kWh");
        assertThat(browser.findElement(By.id("tile-today-cost")).getText()).contains("€");
        assertThat(browser.findElement(By.id("empty")).isDisplayed()).isFalse();

        aNewReadingAppearsAtTheNextRefresh();

        browser.findElement(By.cssSelector(".steps button[data-step=month]")).click();
        waiting().until(d -> "month".equals(js("return teleinfo.energyQuery.step")));

        clickRangeButton("Day");
        waiting().until(d -> number("var e = teleinfo.power.xAxis[0].getExtremes(); return e.max - e.min")
                < 86_400_000.0 + 120_000);
        Thread.sleep(300); // the last redraw of the loaded range
        screenshot("web-page.png");
        assertNoConsoleErrors();

        // a phone: 390 CSS pixels wide (desktop windows cannot be made that narrow)
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 1300, "deviceScaleFactor", 1, "mobile", true));
        browser.navigate().refresh();
        waiting().until(d -> "true".equals(d.findElement(By.id("power")).getAttribute("data-drawn")));
        assertThat(number("return document.documentElement.scrollWidth")).as("no sideways scrolling")
                .isLessThanOrEqualTo(390);
        Thread.sleep(300);
        screenshot("web-page-phone.png");
        assertNoConsoleErrors();

        aSecondMeterCanBeChosen();
        assertNoConsoleErrors();
    }

    private void aSecondMeterCanBeChosen() throws Exception {
        String second = "021528603399";
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("INSERT INTO reading (meter, t, mode, period, power_avg, power_min, power_max, frames, "
                    + "rejected, e_hchc, e_hchp) SELECT '" + second + "', t, mode, period, 2 * power_avg, "
                    + "2 * power_min, 2 * power_max, frames, rejected, e_hchc, e_hchp FROM reading");
        }
        ReadingHourRebuild.run(dataSource);
        browser.navigate().refresh();
        waiting().until(d -> "true".equals(d.findElement(By.id("power")).getAttribute("data-drawn")));
        assertThat(browser.findElement(By.id("meter-choice")).isDisplayed()).isTrue();
        Select meters = new Select(browser.findElement(By.id("meter")));
        assertThat(meters.getOptions()).extracting(WebElement::getText).containsExactly(SeededReadings.METER, second);
        double highest = number("return Math.max.apply(null, teleinfo.power.series[0].yData)");
        meters.selectByValue(second);
        waiting().until(d -> number("return Math.max.apply(null, teleinfo.power.series[0].yData)") > 1.5 * highest);
        assertThat(js("return teleinfo.meter")).isEqualTo(second);
    }

    /** What the page does every minute, triggered at once: the view follows the latest reading. */
    private void aNewReadingAppearsAtTheNextRefresh() throws Exception {
        long last = (long) number("return teleinfo.meters[0].last") / 1000;
        long next = last + 60;
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.executeUpdate("INSERT INTO reading (meter, t, mode, period, power_avg, power_min, power_max, frames, "
                    + "rejected, e_hchc, e_hchp) SELECT meter, " + next + ", mode, period, 4321, 4000, 4500, frames, "
                    + "rejected, e_hchc + 70, e_hchp FROM reading WHERE t = " + last);
        }
        ReadingHourRebuild.run(dataSource);
        ((JavascriptExecutor) browser).executeAsyncScript("teleinfo.refresh().then(arguments[0])");
        assertThat(browser.findElement(By.id("tile-power")).getText()).isEqualTo("4,321 VA");
        // the view still shows the latest bucket
        assertThat(number("return teleinfo.power.xAxis[0].getExtremes().max")).isGreaterThanOrEqualTo(
                number("var d = teleinfo.power.series[0].xData; return d[d.length - 1]"));
        // the new minute's maximum (4500 VA) is above every seeded one: it is the last bucket's maximum
        assertThat(number("var p = teleinfo.power.series[1].points; return p[p.length - 1].high")).isEqualTo(4500);
    }

    @Test
    void anEmptyDatabaseShowsTheEmptyState() throws Exception {
        start(false);
        browser.get(server.url("/"));
        waiting().until(d -> d.findElement(By.id("empty")).isDisplayed());
        assertThat(browser.findElement(By.id("power-section")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("tiles")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("empty")).getText()).contains("No readings yet");
        screenshot("web-page-empty.png");
        assertNoConsoleErrors();
    }

    private void clickRangeButton(String text) {
        List<WebElement> buttons = browser.findElements(By.cssSelector(".highcharts-range-selector-buttons "
                + ".highcharts-button"));
        WebElement button = buttons.stream().filter(b -> b.getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no range button " + text));
        button.click();
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", name), browser.getScreenshotAs(OutputType.BYTES));
    }

    private void assertNoConsoleErrors() {
        List<LogEntry> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .toList();
        assertThat(problems).as("browser console").isEmpty();
    }
}
