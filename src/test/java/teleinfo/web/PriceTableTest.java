package teleinfo.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The price file: the shipped Tarif Bleu rows, the dates they apply from, and the rows a user may get wrong. */
class PriceTableTest {
    static final Pattern DECISION = Pattern.compile("^CRE délibération (n°20\\d\\d-\\d+ )?du \\d{1,2} "
            + "(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) 20\\d\\d\\b.*");

    static List<String> shippedLines() throws IOException {
        try (InputStream in = PriceTable.class.getClassLoader().getResourceAsStream(PriceTable.SHIPPED)) {
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n"));
        }
    }

    static long paris(String date) {
        return LocalDate.parse(date).atStartOfDay(PriceTable.FRANCE).toEpochSecond();
    }

    @Test
    void everyShippedRowCitesTheDecisionItComesFromAndStartsOnAFirstOfFebruaryOrAugust() throws IOException {
        List<String> rows = new ArrayList<>();
        for (String line : shippedLines()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                rows.add(line);
            }
        }
        assertThat(rows).hasSizeGreaterThan(100);
        for (String row : rows) {
            String[] f = row.split(";", -1);
            assertThat(f).as(row).hasSize(6);
            assertThat(f[5]).as(row).matches(DECISION);
            LocalDate from = LocalDate.parse(f[3]);
            assertThat(from.getDayOfMonth()).as(row).isEqualTo(1);
            assertThat(from.getMonthValue()).as(row).isIn(2, 8);
        }
        assertThat(PriceTable.parse(shippedLines(), PriceTable.SHIPPED).configured()).isTrue();
    }

    @Test
    void theShippedPricesChangeAtMidnightParisTimeOnTheDateOfTheirRow() {
        PriceTable table = PriceTable.fromSettings(null, null, null);
        long august2025 = paris("2025-08-01");
        // HP/HC of 1 February 2025 (délibération n°2025-25) until the last second of 31 July, then those of 1 August
        assertThat(table.energy("HPHC", "HP", august2025 - 1)).isEqualTo(0.2146);
        assertThat(table.energy("HPHC", "HP", august2025)).isEqualTo(0.2081);
        assertThat(table.energy("HPHC", "HC", august2025 - 1)).isEqualTo(0.1696);
        assertThat(table.energy("HPHC", "HC", august2025)).isEqualTo(0.1635);
        assertThat(table.subscription("HPHC", 6, august2025 - 1)).isEqualTo(14.04);
        assertThat(table.subscription("HPHC", 6, august2025)).isEqualTo(15.74);
        // Tempo red peak hours, 1 February 2026 (délibération du 14 janvier 2026)
        assertThat(table.energy("TEMPO", "HPJR", paris("2026-02-01") - 1)).isEqualTo(0.6468);
        assertThat(table.energy("TEMPO", "HPJR", paris("2026-02-01"))).isEqualTo(0.7060);
        // the latest rows go on applying: nothing is confirmed from 1 August 2026
        assertThat(table.energy("HPHC", "HP", paris("2026-11-30"))).isEqualTo(0.2065);
        // before the first row of an option there is no price, and a power without a row has no subscription
        assertThat(table.energy("HPHC", "HP", paris("2024-02-01") - 1)).isNull();
        assertThat(table.subscription("TEMPO", 24, paris("2026-01-01"))).isNull();
        assertThat(table.changes()).contains(august2025, paris("2026-02-01"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "energy;HPHC;HP;2025-13-01;0.2081;x | line 2: '2025-13-01' is not a date (yyyy-mm-dd)",
        "energy;HPHC;HP;01/08/2025;0.2081;x | line 2: '01/08/2025' is not a date (yyyy-mm-dd)",
        "energy;HPHC;HP;2025-08-01;0,2081;x | line 2: '0,2081' is not a price (write the decimals after a dot: 0.2081)",
        "energy;HPHC;HP;2025-08-01;-0.2;x | line 2: '-0.2' is not a price",
        "energy;HPHC;HP;2025-08-01;;x | line 2: '' is not a price",
        "energy;HPHC;HP;2025-08-01;20.81;x | line 2: 20.81 EUR per kWh is more than 5.0: a price in cents?",
        "subscription;TEMPO;9;2025-08-01;2821.44;x | line 2: 2821.44 EUR per month is more than 500.0: a price per year?",
        "subscription;TEMPO;9kVA;2025-08-01;19.59;x | line 2: '9kVA' is not a power in kVA",
        "subscription;TEMPO;0;2025-08-01;19.59;x | line 2: '0' is not a power in kVA",
        "energy;HPHC;HP;2025-08-01 | line 2: expected kind;option;period or kVA;from;price;source, found 4 fields",
        "energy;HPHC;HP;2025-08-01;0.2081;CRE; n°2025-155 | line 2: expected kind;option;period or kVA;from;price;source,"
                + " found 7 fields (the source may not contain ';')",
        "energy;HPHC;XX;2025-08-01;0.2081;x | line 2: unknown period 'XX'",
        "energy;BLEU;HP;2025-08-01;0.2081;x | line 2: option must be BASE, HPHC, TEMPO or EJP, not 'BLEU'",
        "price;HPHC;HP;2025-08-01;0.2081;x | line 2: kind must be energy or subscription, not 'price'",
        "energy;HPHC;HP;2025-02-01;0.2146;x | lines 1 and 2: two prices for HPHC/HP from the same date",
    })
    void aBadRowIsRefusedWithItsLineAndWhatIsWrong(String row, String message, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("my-prices.csv");
        Files.writeString(file, "energy;HPHC;HP;2025-02-01;0.2146;CRE délibération n°2025-25 du 16 janvier 2025\n"
                + row + "\n");
        assertThatThrownBy(() -> PriceTable.fromSettings("", "", file.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + " " + message);
    }

    @Test
    void theWebRoutesDoNotStartWithABadPriceFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.csv");
        Files.writeString(file, "energy;HPHC;HP;2025-08-01;0.2081;ok\nsubscription;HPHC;9;2025-08-01;235.12 EUR;bad\n");
        try (var dataSource = teleinfo.storage.Database.pool(teleinfo.testsupport.TestDatabases.newH2Database(), null,
                null, 1)) {
            assertThatThrownBy(() -> new WebServer(dataSource, java.util.Map.of("web.prices.file", file.toString())))
                    .hasStackTraceContaining(file + " line 2: '235.12 EUR' is not a price");
        }
    }

    @Test
    void aRowWithoutSourceIsStillARow() {
        PriceTable table = PriceTable.parse(List.of("energy;BASE;BASE;2025-08-01;0.1952"), "five fields");
        assertThat(table.energy("BASE", "BASE", paris("2025-09-01"))).isEqualTo(0.1952);
    }
}
