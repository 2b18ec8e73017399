package teleinfo.web;

import javax.sql.DataSource;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * The beans of the chart page and its data API (routes/web), from the {@code web.*} settings of
 * application.properties and the {@code dataSource} bean of {@link teleinfo.server.ServerConfiguration}:
 * {@code readAccess} (the processor that answers 401), {@code metersQuery}, {@code powerQuery}, {@code energyQuery}
 * and {@code readingsCsv}.
 */
public final class WebConfiguration implements CamelConfiguration {
    @Override
    public void configure(CamelContext context) {
        DataSource dataSource = context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
        if (dataSource == null) {
            throw new IllegalStateException("the web routes need a DataSource bean named 'dataSource'");
        }
        ReadAccess access = new ReadAccess(property(context, "web.auth.token"), property(context, "web.auth.user"),
                property(context, "web.auth.password"));
        Prices prices = Prices.parse(property(context, "web.prices"), property(context, "web.subscription"));
        var registry = context.getRegistry();
        registry.bind("readAccess", WebExchanges.readAccessCheck(access));
        registry.bind("metersQuery", new MetersQuery(dataSource));
        registry.bind("powerQuery", new PowerSeriesQuery(dataSource));
        registry.bind("energyQuery", new EnergyQuery(dataSource, prices));
        registry.bind("readingsCsv", new ReadingsCsvExport(dataSource));
    }

    private static String property(CamelContext context, String key) {
        return context.getPropertiesComponent().resolveProperty(key).map(String::strip).orElse("");
    }
}
