package teleinfo.demo;

import javax.sql.DataSource;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

import teleinfo.collector.CollectorSettings;
import teleinfo.protocol.TicMode;
import teleinfo.simulator.MeterSimulator;

/**
 * The demo's simulated Linky, bound as {@code demoMeter} (read by the collector's tic: endpoint), after its history
 * is made up (at the first start) or read back (at a later one). Runs after the server's and the collector's
 * configurations, whose {@code dataSource} (schema migrated) and {@code collectorSettings} it uses.
 */
public final class DemoConfiguration implements CamelConfiguration {
    public static final String METER_BEAN = "demoMeter";

    @Override
    public void configure(CamelContext context) {
        var registry = context.getRegistry();
        MeterSimulator meter = new MeterSimulator(MeterSimulator.Config.defaults(TicMode.STANDARD, false));
        new DemoHistory(meter, registry.lookupByNameAndType("collectorSettings", CollectorSettings.class).spoolDir())
                .prepare(registry.lookupByNameAndType("dataSource", DataSource.class));
        registry.bind(METER_BEAN, meter);
    }
}
