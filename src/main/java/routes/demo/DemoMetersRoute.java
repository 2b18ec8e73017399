package routes.demo;

import javax.sql.DataSource;

import org.apache.camel.builder.RouteBuilder;

import teleinfo.demo.DemoConfiguration;
import teleinfo.demo.DemoMeters;

/** Demo only: every minute, the minutes of the demo's meters that no collector route reads go to the database. */
public class DemoMetersRoute extends RouteBuilder {
    @Override
    public void configure() {
        var registry = getContext().getRegistry();
        DemoMeters meters = registry.lookupByNameAndType(DemoConfiguration.OTHER_METERS_BEAN, DemoMeters.class);
        DataSource dataSource = registry.lookupByNameAndType("dataSource", DataSource.class);
        from("timer:demo-meters?period=60000&delay=1000").routeId("demo-meters")
                .process(e -> meters.topUp(dataSource));
    }
}
