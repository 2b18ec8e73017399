package teleinfo.cli;

import java.util.Map;

import org.apache.camel.main.Main;

/**
 * Camel Main for one role: application.properties, then {@code application-<role>.properties} over it, which names
 * the role's configuration classes (its beans), its RouteBuilders and its {@code camel.main.*} settings.
 */
public final class RoleMain {
    private RoleMain() {
    }

    /** A Camel Main for {@code role}; {@code overrides} (commands, tests) win over the files and the environment. */
    public static Main create(String role, Map<String, String> overrides) {
        Main main = new Main();
        // the first location that has a key wins: the role's file goes first (as a Camel Main profile's does)
        main.setPropertyPlaceholderLocations(
                "classpath:application-" + role + ".properties,classpath:application.properties");
        overrides.forEach(main::addOverrideProperty);
        return main;
    }

    /**
     * Runs {@code main} until it stops; a bad setting found while Camel starts (a {@link UsageException} anywhere in
     * the causes) is thrown as such (App turns it into one line and exit status 2), any other failure is one line and
     * exit status 1.
     */
    static int run(String role, Main main) {
        try {
            main.run();
            return main.getExitCode();
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof UsageException usage) {
                    throw usage;
                }
            }
            System.err.println("rpi-teleinfo: " + role + " failed: " + e.getMessage());
            return 1;
        }
    }
}
