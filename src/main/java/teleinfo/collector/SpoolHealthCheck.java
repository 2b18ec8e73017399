package teleinfo.collector;

import java.io.IOException;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** The spool backlog in the health report: UP while the spool can be listed, with the number of readings waiting. */
final class SpoolHealthCheck extends AbstractHealthCheck {
    private final Spool spool;

    SpoolHealthCheck(Spool spool) {
        super("teleinfo", "spool");
        this.spool = spool;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            builder.detail("backlog", spool.size());
            builder.up();
        } catch (IOException e) {
            builder.message("cannot list the spool " + spool.dir() + ": " + e.getMessage()).down();
        }
    }
}
