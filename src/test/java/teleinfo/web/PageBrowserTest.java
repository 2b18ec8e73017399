package teleinfo.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import teleinfo.demo.DemoHistory;
import teleinfo.protocol.TicMode;
import teleinfo.simulator.MeterSimulator;
import teleinfo.storage.Database;
import teleinfo.testsupport.TestDatabases;

/**
 * The page of issue 12 in headless Chromium, in French and in English, over the demo's three meters (simulated, made
 * into readings by the collector's classes and stored by the server's): the standard single-phase HP/HC meter, a
 * historic Tempo meter and a standard three-phase producer, priced with the shipped Tarif Bleu file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String HOUSE = "041876097451";
    static final String TEMPO = "021528603314";
    static final String PRODUCER = "041876097452";

    private HikariDataSource dataSource;
    private WebServer server;
    private ChromeDriver browser;
    private Path profile;

    @BeforeAll
    void seed() throws Exception {
        dataSource = Database.pool(TestDatabases.newH2Database(), null, null, 4);
        Database.migrate(dataSource);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant from = now.minus(Duration.ofDays(3));
        DemoHistory.store(dataSource, DemoHistory.readings(new MeterSimulator(new MeterSimulator.Config(
                TicMode.STANDARD, false, HOUSE, 9, 42)), from, now));
        DemoHistory.store(dataSource, DemoHistory.readings(new MeterSimulator(new MeterSimulator.Config(
                TicMode.HISTORIC, false, TEMPO, 9, 43, MeterSimulator.Tariff.TEMPO, false)), from, now));
        DemoHistory.store(dataSource, DemoHistory.readings(new MeterSimulator(new MeterSimulator.Config(
                TicMode.STANDARD, true, PRODUCER, 12, 44, MeterSimulator.Tariff.HPHC, true)), from, now));
        server = new WebServer(dataSource, Map.of("web.meter.names", HOUSE + ":Maison," + TEMPO + ":Tempo,"
                + PRODUCER + ":Solaire", "web.prices", "", "web.subscription", ""));
    }

    @AfterAll
    void close() {
        server.close();
        dataSource.close();
    }

    @AfterEach
    void quit() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void open(String language) throws Exception {
        profile = Files.createTempDirectory("chromium-profile");
        browser = WebPageBrowserTest.chromium(profile, language);
        browser.get(server.url("/?meter=" + HOUSE));
        waitUntilDrawn();
    }

    private void waitUntilDrawn() {
        waiting().until(d -> "true".equals(d.findElement(By.id("power")).getAttribute("data-drawn")));
        waiting().until(d -> js("return !!(teleinfo.energy && teleinfo.energy.series.length && teleinfo.summary)")
                .equals(true));
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private double number(String script) {
        return ((Number) js(script)).doubleValue();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    private JsonNode api(String pathAndQuery) throws Exception {
        return JSON.readTree(server.get(pathAndQuery).body());
    }

    private void choose(String meter) {
        new Select(browser.findElement(By.id("meter"))).selectByValue(meter);
        waiting().until(d -> meter.equals(js("return teleinfo.meter")) && js("return !!teleinfo.summary && "
                + "teleinfo.summary.meter === teleinfo.meter && teleinfo.energyQuery.meter === teleinfo.meter")
                .equals(true));
        waiting().until(d -> js("return teleinfo.power.series[0].points.length > 0").equals(true));
    }

    /** A figure of a tile as a number: "1 234,56 €" (French) or "€1,234.56" (English). */
    private static double figure(String text, boolean french) {
        String digits = text.replaceAll("[^0-9,.\\-]", "");
        return Double.parseDouble(french ? digits.replace(".", "").replace(',', '.') : digits.replace(",", ""));
    }

    private void costTilesAreTheApisFigures(String meter, boolean french) throws Exception {
        JsonNode summary = api("/api/summary?meter=" + meter + "&tz=Europe/Paris");
        assertThat(summary.get("month").get("cost").isNull()).as("the demo shows costs").isFalse();
        assertThat(figure(text("tile-month"), french)).isCloseTo(summary.get("month").get("cost").asDouble(),
                within(0.011));
        assertThat(figure(text("tile-year"), french)).isCloseTo(summary.get("year").get("cost").asDouble(),
                within(0.011));
        assertThat(figure(text("tile-today-cost"), french)).isCloseTo(summary.get("today").get("cost").asDouble(),
                within(0.011));
        assertThat(text("tile-month-projected")).contains(
                french ? "fin de mois prévue" : "projected month end");
        assertThat(figure(text("tile-standby"), french)).isEqualTo(summary.get("standbyVa").asDouble());
    }

    @Test
    void inFrenchEveryPanelOfTheThreeMetersShows() throws Exception {
        open("fr-FR");
        assertThat(js("return document.documentElement.lang")).isEqualTo("fr");
        assertThat(text("tiles")).contains("Aujourd'hui", "Ce mois-ci", "Mois dernier", "Cette année", "Veille");
        assertThat(browser.findElement(By.cssSelector("#power-section h2")).getText()).startsWith("Puissance");
        assertThat(browser.findElement(By.cssSelector(".steps")).getText()).contains("Heures", "Jours", "Mois");
        assertThat(browser.findElements(By.cssSelector(".highcharts-range-selector-buttons text")))
                .extracting(WebElement::getText).contains("Jour", "Semaine", "Tout");
        // the selector shows the meters' names
        assertThat(new Select(browser.findElement(By.id("meter"))).getOptions()).extracting(WebElement::getText)
                .containsExactly("Tempo · " + TEMPO, "Maison · " + HOUSE, "Solaire · " + PRODUCER);

        // the standard meter's periods in its own words (LTARF), on bands, legend, bars and tiles
        assertThat(text("period-legend")).contains("Heures creuses", "Heures pleines");
        assertThat(js("return teleinfo.energy.series.map(function (s) { return s.name; }).join('|')"))
                .isEqualTo("Heures creuses|Heures pleines");
        assertThat(text("tile-period")).matches("Heures (creuses|pleines)");
        assertThat(browser.findElement(By.id("phases-section")).isDisplayed()).as("single-phase").isFalse();
        assertThat(browser.findElement(By.id("tile-day-colour")).isDisplayed()).isFalse();
        costTilesAreTheApisFigures(HOUSE, true);
        // numbers in French: a comma before the decimals
        assertThat(text("tile-today")).matches("[0-9 \u202f\u00a0]+,[0-9]{2} kWh");
        screenshot("page-fr-house.png");

        // the producer: injected power on the power chart, injected and net energy, the phase chart
        choose(PRODUCER);
        assertThat(number("return teleinfo.power.get('injection').points.length")).isGreaterThan(10);
        assertThat(number("return Math.max.apply(null, teleinfo.power.get('injection').yData)")).isGreaterThan(0);
        waiting().until(d -> browser.findElement(By.id("phases-section")).isDisplayed()
                && js("return !!teleinfo.phases && teleinfo.phases.series.length === 9").equals(true));
        assertThat(js("return teleinfo.phases.series.map(function (s) { return s.name; }).join('|')").toString())
                .contains("Courant phase 1", "Tension phase 3", "Puissance phase 2");
        assertThat(js("return teleinfo.energy.series.map(function (s) { return s.name; }).join('|')").toString())
                .contains("Injection", "Net (consommé − injecté)");
        JsonNode energy = api("/api/energy?meter=" + PRODUCER + "&from=" + js("return teleinfo.energyQuery.from")
                + "&to=" + js("return teleinfo.energyQuery.to") + "&step=day&tz=Europe/Paris");
        assertThat(number("return teleinfo.energy.get('injected').yData.reduce(function (a, b) { return a + b; }, 0)"))
                .isCloseTo(energy.get("injected").asDouble(), within(1e-6));
        assertThat(text("tile-day-max-detail")).contains("sur 12");
        costTilesAreTheApisFigures(PRODUCER, true);
        Thread.sleep(300);
        screenshot("page-fr-producer.png");

        // the Tempo meter: no phases, the colours of today and tomorrow, the day colours behind the bars
        choose(TEMPO);
        waiting().until(d -> !browser.findElement(By.id("phases-section")).isDisplayed());
        JsonNode day = api("/api/meters").get("meters").get(0).get("day");
        assertThat(browser.findElement(By.id("tile-day-colour")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("tile-day-today")).getAttribute("data-colour"))
                .isEqualTo(day.get("today").asText());
        assertThat(text("tile-day-today")).startsWith("aujourd'hui : ").endsWith(Map.of("BLUE", "bleu", "WHITE",
                "blanc", "RED", "rouge").get(day.get("today").asText()));
        assertThat(number("return teleinfo.energy.xAxis[0].plotLinesAndBands.length")).as("day colours")
                .isGreaterThanOrEqualTo(3);
        assertThat(js("return teleinfo.energy.series.map(function (s) { return s.name; }).join('|')").toString())
                .contains("Tempo bleu HP");
        assertThat(text("period-legend")).contains("Tempo");
        costTilesAreTheApisFigures(TEMPO, true);
        Thread.sleep(300);
        screenshot("page-fr-tempo.png");
        assertNoConsoleWarnings();

        // a phone, emulated as one (touch, mobile viewport): one column, nothing wider than the screen
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 1800, "deviceScaleFactor", 2, "mobile", true));
        browser.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
        browser.get(server.url("/?meter=" + PRODUCER));
        waitUntilDrawn();
        waiting().until(d -> browser.findElement(By.id("phases-section")).isDisplayed());
        assertThat(number("return window.innerWidth")).isEqualTo(390);
        assertThat(number("return document.documentElement.scrollWidth")).as("no sideways scrolling")
                .isLessThanOrEqualTo(390);
        Thread.sleep(300);
        screenshot("page-fr-phone.png");
        assertNoConsoleWarnings();
    }

    @Test
    void inEnglishTheLabelsAreEnglishAndThePeriodsKeepTheMetersWords() throws Exception {
        open("en-GB");
        assertThat(js("return document.documentElement.lang")).isEqualTo("en");
        assertThat(text("tiles")).contains("Today", "This month", "Last month", "This year", "Standby");
        assertThat(browser.findElement(By.cssSelector("#energy-section h2")).getText()).startsWith("Energy");
        assertThat(text("period-legend")).contains("Heures creuses", "Heures pleines");
        assertThat(text("tile-today")).matches("[0-9,]+\\.[0-9]{2} kWh");
        costTilesAreTheApisFigures(HOUSE, false);
        choose(TEMPO);
        assertThat(text("tile-day-today")).startsWith("today: ");
        assertThat(browser.findElement(By.id("phases-section")).isDisplayed()).isFalse();
        Thread.sleep(300);
        screenshot("page-en-tempo.png");
        assertNoConsoleWarnings();
    }

    @Test
    void aSlowEarlierAnswerNeverOverwritesALaterView() throws Exception {
        open("en-GB");
        // the next power request of the detail answers 2 s late; the one after at once
        js("var real = window.fetch, delayed = false; window.fetch = function (url, options) {"
                + " var answer = real(url, options);"
                + " if (!delayed && url.indexOf('/api/power') === 0 && url.indexOf('points=600') < 0) { delayed = true;"
                + "   return answer.then(function (r) { return new Promise(function (ok) { setTimeout(function () {"
                + "     ok(r); }, 2000); }); }); }"
                + " return answer; };");
        double last = number("return teleinfo.meters[0].last");
        double slowMin = last - 20 * 3_600_000.0;
        double fastMin = last - 6 * 3_600_000.0;
        js("teleinfo.power.xAxis[0].setExtremes(arguments[0], arguments[1])", slowMin, last - 14 * 3_600_000.0);
        js("teleinfo.power.xAxis[0].setExtremes(arguments[0], arguments[1])", fastMin, last);
        Thread.sleep(3000); // the slow answer has arrived by now
        assertThat(number("return teleinfo.power.series[0].xData[0]")).as("the later view's data")
                .isGreaterThanOrEqualTo(fastMin - 60_000);
        assertNoConsoleWarnings();
    }

    @Test
    void theDetailIsMergedIntoTheOverviewInTimeOrder() throws Exception {
        open("en-GB");
        // the detail's first bucket (aligned on the epoch) starts before `min`: the overview point in between must go
        @SuppressWarnings("unchecked")
        List<Number> times = (List<Number>) js("var o = { average: [[0, 1], [540000, 1], [600000, 1], "
                + "[1200000, 1]], range: [], injection: [] };"
                + " var d = { average: [[480000, 2], [600000, 2], [720000, 2]], range: [], injection: [] };"
                + " return teleinfo.mergedSeries(o, d, 570000, 780000).average.map(function (p) { return p[0]; });");
        assertThat(times.stream().map(Number::longValue).toList()).isSorted().containsExactly(0L, 480000L, 600000L,
                720000L, 1200000L);
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", name), browser.getScreenshotAs(OutputType.BYTES));
    }

    private void assertNoConsoleWarnings() {
        List<LogEntry> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .toList();
        assertThat(problems).as("browser console").isEmpty();
    }
}
