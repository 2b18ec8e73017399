package teleinfo.collector;

import org.apache.camel.CamelContext;

/** The objects the collector routes share, kept in the Camel registry so that every route uses the same one. */
public final class CollectorBeans {
    static final String SPOOL = "teleinfoSpool";

    private CollectorBeans() {
    }

    public static synchronized Spool spool(CamelContext context, CollectorSettings settings) {
        Spool spool = context.getRegistry().lookupByNameAndType(SPOOL, Spool.class);
        if (spool == null) {
            spool = new Spool(settings.spoolDir());
            context.getRegistry().bind(SPOOL, spool);
            SpoolHealthCheck health = new SpoolHealthCheck(spool);
            health.setCamelContext(context);
            org.apache.camel.health.HealthCheckRegistry.get(context).register(health);
        }
        return spool;
    }
}
