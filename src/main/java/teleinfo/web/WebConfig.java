package teleinfo.web;

import java.sql.Connection;
import java.sql.SQLException;

/** The web settings the queries share: prices, the names of meters and of their periods. */
public record WebConfig(PriceTable prices, MeterNames meterNames, PeriodNames periodNames) {
    public static final WebConfig DEFAULTS = new WebConfig(PriceTable.NONE, MeterNames.parse(""), PeriodNames.parse(""));

    public MeterProfile profile(Connection c, String meter) throws SQLException {
        return MeterProfile.load(c, meter, meterNames, periodNames);
    }
}
