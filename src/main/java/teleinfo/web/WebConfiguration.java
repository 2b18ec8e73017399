package teleinfo.web;

import javax.sql.DataSource;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * The beans of the chart page and its data API (routes/web), from the {@code web.*} settings of
 * application.properties and the {@code dataSource} and {@code hourRollUp} beans of
 * {@link teleinfo.server.ServerConfiguration} (the API folds what ingestion queued for the roll-up before it reads):
 * {@code readAccess} (the processor that answers 401), {@code metersQuery}, {@code powerQuery}, {@code phasesQuery},
 * {@code energyQuery}, {@code summaryQuery}, {@code readingsCsv} and {@code queryStringBinding} (the data API's HTTP
 * binding). Prices (the price file, or flat prices), meter
 * names and period names: a malformed setting or price file stops the start with its reason.
 */
public final class WebConfiguration implements CamelConfiguration {
    @Override
    public void configure(CamelContext context) {
        DataSource dataSource = context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
        if (dataSource == null) {
            throw new IllegalStateException("the web routes need a DataSource bean named 'dataSource'");
        }
        if (context.getRegistry().lookupByName("hourRollUp") == null) {
            throw new IllegalStateException("the web routes need the HourRollUp bean named 'hourRollUp'");
        }
        ReadAccess access = new ReadAccess(property(context, "web.auth.token"), property(context, "web.auth.user"),
                property(context, "web.auth.password"));
        WebConfig config = new WebConfig(PriceTable.fromSettings(property(context, "web.prices"),
                property(context, "web.subscription"), property(context, "web.prices.file")),
                MeterNames.parse(property(context, "web.meter.names")),
                PeriodNames.parse(property(context, "web.period.names")));
        var registry = context.getRegistry();
        EnergyQuery energy = new EnergyQuery(dataSource, config);
        registry.bind("readAccess", WebExchanges.readAccessCheck(access));
        registry.bind("metersQuery", new MetersQuery(dataSource, config));
        registry.bind("powerQuery", new PowerSeriesQuery(dataSource, config));
        registry.bind("phasesQuery", new PhaseSeriesQuery(dataSource));
        registry.bind("energyQuery", energy);
        registry.bind("summaryQuery", new SummaryQuery(dataSource, energy, config));
        registry.bind("readingsCsv", new ReadingsCsvExport(dataSource, config));
        registry.bind("queryStringBinding", new QueryStringBinding());
    }

    private static String property(CamelContext context, String key) {
        return context.getPropertiesComponent().resolveProperty(key).map(String::strip).orElse("");
    }
}
