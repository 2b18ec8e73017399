package teleinfo.demo;

import javax.sql.DataSource;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

import teleinfo.collector.CollectorConfiguration;
import teleinfo.collector.CollectorSettings;
import teleinfo.protocol.TicMode;
import teleinfo.simulator.MeterSimulator;
import teleinfo.simulator.SimulatedMeterLine;

/**
 * The demo's simulated Linky, bound as {@code demoMeter} and, as the TIC line the collector reads, {@code simulator},
 * after its history is made up (at the first start) or read back (at a later one). Runs after the server's and the
 * collector's configurations, whose {@code dataSource} (schema migrated) and {@code collectorSettings} it uses.
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
        // read by the collector's tic:simulator endpoint, in place of the simulator CollectorConfiguration made
        registry.bind(CollectorConfiguration.SIMULATOR, new SimulatedMeterLine(meter, 1));
    }
}
