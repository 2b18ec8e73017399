package teleinfo.collector;

import java.util.Properties;

import org.apache.camel.CamelContext;

/** A test's CamelContext wired as the collector role wires its own. */
final class CollectorContexts {
    private CollectorContexts() {
    }

    /** application.properties under {@code overrides}, and the beans of {@link CollectorConfiguration}. */
    static CamelContext configured(CamelContext context, Properties overrides) throws Exception {
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        context.getPropertiesComponent().setOverrideProperties(overrides);
        new CollectorConfiguration().configure(context);
        return context;
    }
}
