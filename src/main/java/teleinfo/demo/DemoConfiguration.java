package teleinfo.demo;

import java.util.List;

import javax.sql.DataSource;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

import teleinfo.collector.CollectorConfiguration;
import teleinfo.collector.CollectorSettings;
import teleinfo.protocol.TicMode;
import teleinfo.simulator.MeterSimulator;
import teleinfo.simulator.SimulatedMeterLine;

/**
 * The demo's simulated meters. The live one, a standard single-phase HP/HC Linky, is bound as {@code demoMeter} and,
 * as the TIC line the collector reads, {@code simulator}, after its history is made up (at the first start) or read
 * back (at a later one). The two others — a historic Tempo meter and a standard three-phase producer — are bound as
 * {@code demoOtherMeters}, whose minutes DemoMetersRoute stores (their history at its first run). Runs after the
 * server's and the collector's configurations, whose {@code dataSource} (schema migrated) and
 * {@code collectorSettings} it uses.
 */
public final class DemoConfiguration implements CamelConfiguration {
    public static final String METER_BEAN = "demoMeter";
    public static final String OTHER_METERS_BEAN = "demoOtherMeters";
    public static final String LIVE_METER = "041876097451";
    public static final String TEMPO_METER = "021528603314";
    public static final String PRODUCER_METER = "041876097452";

    @Override
    public void configure(CamelContext context) {
        var registry = context.getRegistry();
        MeterSimulator meter = new MeterSimulator(new MeterSimulator.Config(TicMode.STANDARD, false, LIVE_METER, 9, 42));
        new DemoHistory(meter, registry.lookupByNameAndType("collectorSettings", CollectorSettings.class).spoolDir())
                .prepare(registry.lookupByNameAndType("dataSource", DataSource.class));
        registry.bind(METER_BEAN, meter);
        // read by the collector's tic:simulator endpoint, in place of the simulator CollectorConfiguration made
        registry.bind(CollectorConfiguration.SIMULATOR, new SimulatedMeterLine(meter, 1));
        registry.bind(OTHER_METERS_BEAN, new DemoMeters(List.of(
                new DemoHistory(new MeterSimulator(new MeterSimulator.Config(TicMode.HISTORIC, false, TEMPO_METER, 9,
                        43, MeterSimulator.Tariff.TEMPO, false)), null),
                new DemoHistory(new MeterSimulator(new MeterSimulator.Config(TicMode.STANDARD, true, PRODUCER_METER,
                        12, 44, MeterSimulator.Tariff.HPHC, true)), null))));
    }
}
