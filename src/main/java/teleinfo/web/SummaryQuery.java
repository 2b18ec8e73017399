package teleinfo.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.sql.DataSource;
import teleinfo.storage.SqlFiles;

/**
 * {@code GET /api/summary}: the figures of the page's tiles, computed as {@code /api/energy} computes them. Costs
 * include the subscription: this month so far (its share up to now), projected to the month's end (the energy cost
 * so far stretched over the whole month, plus the whole month's subscription), last month, this year so far. The
 * standby ("veille") is the median over the last 7 nights of the lowest minute average between 00:00 and 05:00; its
 * yearly cost uses the meter's average price per kWh of the last 30 days (VA counted as W: an upper bound).
 */
public final class SummaryQuery {
    private static final String STANDBY = SqlFiles.statement("web-standby-night.sql");
    private static final String PEAK = SqlFiles.statement("web-day-peak.sql");
    private static final String PEAK_TIME = SqlFiles.statement("web-day-peak-time.sql");
    static final int STANDBY_NIGHTS = 7;
    static final double HOURS_PER_YEAR = 8766;

    /** kWh and € (null without prices) of a stretch of time. */
    public record Figure(double kWh, double injected, Double cost) {
    }

    /** {@code lastMonth} is null when the meter has no energy then. */
    public record Summary(String meter, long now, String tz, Figure today, Figure month, Double projectedMonthCost,
            Figure lastMonth, Figure year, Integer standbyVa, Double standbyYearlyKWh, Double standbyYearlyCost,
            Double pricePerKwh, Integer dayMaxVa, Long dayMaxAt, int overloadsToday, Integer subscribedVa) {
    }

    private final DataSource dataSource;
    private final EnergyQuery energy;
    private final WebConfig config;

    public SummaryQuery(DataSource dataSource, EnergyQuery energy, WebConfig config) {
        this.dataSource = dataSource;
        this.energy = energy;
        this.config = config;
    }

    public Summary run(String meter, ZoneId zone, Instant now) throws SQLException {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime today = EnergyStep.DAY.floor(local);
        ZonedDateTime month = EnergyStep.MONTH.floor(local);
        ZonedDateTime lastMonth = month.toLocalDate().minusMonths(1).atStartOfDay(zone);
        ZonedDateTime year = local.toLocalDate().withDayOfYear(1).atStartOfDay(zone);
        long end = now.getEpochSecond() + 1;
        try (Connection c = dataSource.getConnection()) {
            return run(c, config.profile(c, meter), zone, now, today, lastMonth, year, end);
        }
    }

    private Summary run(Connection c, MeterProfile profile, ZoneId zone, Instant now, ZonedDateTime today,
            ZonedDateTime lastMonth, ZonedDateTime year, long end) throws SQLException {
        String meter = profile.meter();
        var day = energy.run(c, profile, new TimeRange(today.toEpochSecond(), end), EnergyStep.DAY, zone);
        Figure todayFigure = new Figure(day.total(), day.injected(), day.cost());

        ZonedDateTime first = lastMonth.isBefore(year) ? lastMonth : year;
        var months = energy.run(c, profile, new TimeRange(first.toEpochSecond(), end), EnergyStep.MONTH, zone);
        EnergyQuery.Bucket current = months.buckets().get(months.buckets().size() - 1);
        double elapsed = (double) (now.toEpochMilli() - current.t()) / (current.end() - current.t());
        Double monthCost = null;
        Double projected = null;
        if (current.cost() != null) {
            double energyCost = current.cost() - current.subscription();
            monthCost = round(energyCost + current.subscription() * elapsed);
            projected = round(energyCost / Math.max(elapsed, 1e-6) + current.subscription());
        }
        Figure monthFigure = new Figure(current.total(), current.injected(), monthCost);
        Figure lastMonthFigure = null;
        double yearKWh = 0;
        double yearInjected = 0;
        Double yearCost = 0.0;
        for (EnergyQuery.Bucket b : months.buckets()) {
            if (b.t() == lastMonth.toInstant().toEpochMilli() && (b.total() > 0 || b.injected() > 0)) {
                lastMonthFigure = new Figure(b.total(), b.injected(), b.cost() == null ? null : round(b.cost()));
            }
            if (b.t() >= year.toInstant().toEpochMilli()) {
                yearKWh += b.total();
                yearInjected += b.injected();
                Double cost = b == current ? monthCost : b.cost();
                yearCost = yearCost == null || cost == null ? null : yearCost + cost;
            }
        }
        Figure yearFigure = new Figure(Math.round(yearKWh * 1000) / 1000.0, Math.round(yearInjected * 1000) / 1000.0,
                yearCost == null ? null : round(yearCost));

        var recent = energy.run(c, profile, new TimeRange(today.minusDays(30).toEpochSecond(), end), EnergyStep.DAY,
                zone);
        Double pricePerKwh = null;
        if (recent.cost() != null && recent.total() > 0) {
            double energyCost = 0;
            for (EnergyQuery.Bucket b : recent.buckets()) {
                energyCost += b.cost() - b.subscription();
            }
            pricePerKwh = Math.round(energyCost / recent.total() * 10_000) / 10_000.0;
        }

        Integer standby = standby(c, meter, today);
        Double standbyKWh = standby == null ? null : Math.round(standby * HOURS_PER_YEAR / 100.0) / 10.0;
        Double standbyCost = standbyKWh == null || pricePerKwh == null ? null : round(standbyKWh * pricePerKwh);
        Integer peak = null;
        Long peakAt = null;
        int overloads = 0;
        try (PreparedStatement s = c.prepareStatement(PEAK)) {
            for (int k = 0; k < 2; k++) {
                s.setString(3 * k + 1, meter);
                s.setLong(3 * k + 2, today.toEpochSecond());
                s.setLong(3 * k + 3, end);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                peak = rs.getObject("peak") == null ? null : rs.getInt("peak");
                overloads = rs.getInt("overloads");
            }
        }
        if (peak != null) {
            try (PreparedStatement s = c.prepareStatement(PEAK_TIME)) {
                s.setString(1, meter);
                s.setLong(2, today.toEpochSecond());
                s.setLong(3, end);
                s.setInt(4, peak);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    peakAt = rs.getLong(1) * 1000;
                }
            }
        }
        return new Summary(meter, now.toEpochMilli(), zone.getId(), todayFigure, monthFigure, projected,
                lastMonthFigure, yearFigure, standby, standbyKWh, standbyCost, pricePerKwh, peak, peakAt,
                overloads, profile.subscribedVa());
    }

    /** The median of the lowest minute averages of the last nights (00:00-05:00), null without any night. */
    private static Integer standby(Connection c, String meter, ZonedDateTime today) throws SQLException {
        List<Integer> minima = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(STANDBY)) {
            for (int n = 0; n < STANDBY_NIGHTS; n++) {
                ZonedDateTime night = today.minusDays(n);
                s.setString(1, meter);
                s.setLong(2, night.toEpochSecond());
                s.setLong(3, night.plusHours(5).toEpochSecond());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    int v = rs.getInt(1);
                    if (!rs.wasNull()) {
                        minima.add(v);
                    }
                }
            }
        }
        if (minima.isEmpty()) {
            return null;
        }
        Collections.sort(minima);
        return minima.get(minima.size() / 2);
    }

    private static double round(double euros) {
        return Math.round(euros * 100) / 100.0;
    }
}
