package routes.server;

import org.apache.camel.builder.RouteBuilder;

/**
 * Folds what ingestion requests queued for the hourly roll-up into {@code reading_hour}, every few seconds
 * ({@link teleinfo.server.HourRollUp}; the chart's API also folds before it reads).
 */
public class RollUpFoldRoute extends RouteBuilder {
    @Override
    public void configure() {
        from("timer:roll-up-fold?delay={{server.rollUpFoldMillis}}&period={{server.rollUpFoldMillis}}")
                .routeId("roll-up-fold")
                .filter(method("schemaMigration", "isDone"))
                .bean("hourRollUp", "foldQuietly");
    }
}
