package teleinfo.web;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;

/** The "web" settings of application.properties and the {@code dataSource} bean, as the web routes use them. */
public final class WebSettings {
    private WebSettings() {
    }

    public static String property(CamelContext context, String key) {
        return context.getPropertiesComponent().resolveProperty(key).map(String::strip).orElse("");
    }

    public static ReadAccess readAccess(CamelContext context) {
        return new ReadAccess(property(context, "web.auth.token"), property(context, "web.auth.user"),
                property(context, "web.auth.password"));
    }

    public static Prices prices(CamelContext context) {
        return Prices.parse(property(context, "web.prices"), property(context, "web.subscription"));
    }

    public static DataSource dataSource(CamelContext context) {
        DataSource dataSource = context.getRegistry().lookupByNameAndType("dataSource", DataSource.class);
        if (dataSource == null) {
            throw new IllegalStateException("the web routes need a DataSource bean named 'dataSource'");
        }
        return dataSource;
    }
}
