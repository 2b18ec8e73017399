package routes.demo;

import javax.sql.DataSource;

import org.apache.camel.ShutdownRoute;
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
        // stopped after the other routes: a top-up in flight must not hold up the stop of the collector's routes
        // (frames arriving meanwhile would open a minute that the shutdown then refuses)
        from("timer:demo-meters?period=60000&delay=1000").routeId("demo-meters")
                .shutdownRoute(ShutdownRoute.Defer)
                .process(e -> meters.topUp(dataSource));
    }
}
