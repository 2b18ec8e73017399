package teleinfo.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import teleinfo.protocol.StatusRegister;
import teleinfo.storage.SqlFiles;

/**
 * What the page needs to know about a meter, from its latest reading and the period names it has sent: its name,
 * tariff option, subscribed power, number of phases, whether it injects, the names of its periods and what they
 * stand for in the price file, and the Tempo or EJP day.
 *
 * @param names        period code → name (the meter's words, or the user's)
 * @param pricePeriods period code → period of the price file (null when unknown)
 * @param day          Tempo colours or EJP days of today and tomorrow, null for other options
 */
public record MeterProfile(String meter, String name, String option, String priceOption, Integer subscribedVa,
        int phases, boolean producer, Map<String, String> names, Map<String, String> pricePeriods, Day day,
        Integer lastPower, Integer lastInjection, String lastPeriod, Long firstHour) {
    private static final String LATEST = SqlFiles.statement("web-latest-reading.sql");
    private static final String FIRST_HOUR = SqlFiles.statement("web-meter-first-hour.sql");
    private static final String PERIODS = SqlFiles.statement("web-meter-periods.sql");
    private static final String PERIOD_NAME = SqlFiles.statement("web-meter-period-name.sql");

    /**
     * @param kind     TEMPO or EJP
     * @param today    TEMPO: BLUE, WHITE or RED; EJP: PEAK or NORMAL
     * @param tomorrow the same, null while the meter does not know it yet
     */
    public record Day(String kind, String today, String tomorrow) {
    }

    /** Subscribed power in whole kVA (the price file's unit), 0 when unknown. */
    public int subscribedKva() {
        return subscribedVa == null ? 0 : Math.round(subscribedVa / 1000f);
    }

    public static MeterProfile load(Connection c, String meter, MeterNames meterNames, PeriodNames periodNames)
            throws SQLException {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> pricePeriods = new LinkedHashMap<>();
        Map<String, Long> lastHours = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(PERIODS)) {
            s.setString(1, meter);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    lastHours.put(rs.getString("period"), rs.getLong("last_hour"));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(PERIOD_NAME)) {
            for (Map.Entry<String, Long> e : lastHours.entrySet()) {
                String period = e.getKey();
                s.setString(1, meter);
                s.setLong(2, e.getValue());
                s.setLong(3, e.getValue() + 3600);
                s.setString(4, period);
                String raw = null;
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        raw = rs.getString(1);
                    }
                }
                names.put(period, periodNames.name(meter, period, raw));
                pricePeriods.put(period, PeriodNames.pricePeriod(period, raw));
            }
        }
        Long firstHour = null;
        try (PreparedStatement s = c.prepareStatement(FIRST_HOUR)) {
            s.setString(1, meter);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    long t = rs.getLong(1);
                    firstHour = rs.wasNull() ? null : t;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(LATEST)) {
            s.setString(1, meter);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return new MeterProfile(meter, meterNames.name(meter), null, null, null, 1, false, names,
                            pricePeriods, null, null, null, null, firstHour);
                }
                String option = rs.getString("tariff_option");
                String priceOption = PeriodNames.priceOption(option);
                String period = rs.getString("period");
                Integer injection = (Integer) rs.getObject("injection_avg", Integer.class);
                boolean threePhase = rs.getObject("current2") != null || rs.getObject("phase_power1") != null;
                Day day = day(priceOption, pricePeriods.getOrDefault(period, PeriodNames.pricePeriod(period, null)),
                        rs.getString("status_register"), rs.getString("tomorrow"), rs.getObject("peak_notice") != null);
                return new MeterProfile(meter, meterNames.name(meter), option, priceOption,
                        rs.getObject("subscribed_va", Integer.class), threePhase ? 3 : 1, injection != null, names,
                        pricePeriods, day, rs.getInt("power_avg"), injection, period, firstHour);
            }
        }
    }

    /** Tempo: from PTEC and DEMAIN (historic) or STGE (standard); EJP: PTEC and PEJP, or STGE. */
    static Day day(String priceOption, String pricePeriod, String status, String demain, boolean peakNotice) {
        StatusRegister register = status == null ? null : StatusRegister.parse(status);
        if ("TEMPO".equals(priceOption)) {
            if (register != null && register.tempoToday() != StatusRegister.TempoColour.NONE) {
                return new Day("TEMPO", colour(register.tempoToday()), colour(register.tempoTomorrow()));
            }
            return new Day("TEMPO", PeriodNames.tempoColour(pricePeriod), demain == null ? null : switch (demain) {
                case "BLEU" -> "BLUE";
                case "BLAN" -> "WHITE";
                case "ROUG" -> "RED";
                default -> null;
            });
        }
        if ("EJP".equals(priceOption)) {
            if (register != null) {
                return new Day("EJP", register.mobilePeakInProgress() > 0 ? "PEAK" : "NORMAL",
                        register.mobilePeakNotice() > 0 ? "PEAK" : null);
            }
            return new Day("EJP", "PM".equals(pricePeriod) ? "PEAK" : "NORMAL", peakNotice ? "PEAK" : null);
        }
        return null;
    }

    private static String colour(StatusRegister.TempoColour c) {
        return switch (c) {
            case BLUE -> "BLUE";
            case WHITE -> "WHITE";
            case RED -> "RED";
            default -> null;
        };
    }
}
