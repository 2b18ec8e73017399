package teleinfo.cli;

import java.util.Map;

/**
 * {@code collector}: reads the meter, spools one reading per minute and uploads them, until stopped (SIGTERM).
 * Settings come from application.properties and the environment (docs/COLLECTOR.md); they are checked before any
 * route is built, so that a missing or wrong one is reported as one line.
 */
public final class CollectorCommand {
    private CollectorCommand() {
    }

    public static int run(String[] args) {
        if (args.length > 0) {
            throw new UsageException("collector takes no arguments: its settings are environment variables "
                    + "(TELEINFO_PORT, TELEINFO_SERVER_URL, TELEINFO_TOKEN, ...)");
        }
        return RoleMain.run("collector", RoleMain.create("collector", Map.of()));
    }
}
