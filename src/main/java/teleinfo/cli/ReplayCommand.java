package teleinfo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import teleinfo.collector.Spool;
import teleinfo.protocol.TicMode;
import teleinfo.simulator.CaptureReplay;

/**
 * {@code replay [--mode auto|historic|standard] [--speed N] [--drain-timeout SECONDS] FILE}: a capture file through
 * the collector's pipeline (same routes, spool and upload settings as {@code collector}), at the line's speed or N
 * times faster. Ends once the file has been played, its last minute spooled, and the spool drained (or the drain
 * timeout passed: what is left stays in the spool for the next run).
 */
public final class ReplayCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayCommand.class);
    private static final long LAST_MINUTE_TIMEOUT_MS = 2000;
    static final String USAGE =
            "usage: rpi-teleinfo replay [--mode auto|historic|standard] [--speed N] [--drain-timeout SECONDS] FILE";

    private ReplayCommand() {
    }

    public static int run(String[] args) {
        String mode = "auto";
        String speed = "1";
        long drainTimeoutSeconds = 60;
        String file = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--mode" -> {
                    mode = value(args, ++i, a);
                    if (!mode.equals("auto") && TicMode.parseOrNull(mode) == null) {
                        throw new UsageException("--mode must be auto, historic or standard, not '" + mode + "'");
                    }
                }
                case "--speed" -> {
                    speed = value(args, ++i, a);
                    if (!speed.matches("\\d+(\\.\\d+)?") || Double.parseDouble(speed) <= 0) {
                        throw new UsageException("--speed must be a number above 0, not '" + speed + "'");
                    }
                }
                case "--drain-timeout" -> {
                    String t = value(args, ++i, a);
                    if (!t.matches("\\d{1,6}")) {
                        throw new UsageException("--drain-timeout must be a whole number of seconds, not '" + t + "'");
                    }
                    drainTimeoutSeconds = Long.parseLong(t);
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option '" + a + "'; " + USAGE);
                    }
                    if (file != null) {
                        throw new UsageException("only one FILE is allowed; " + USAGE);
                    }
                    file = a;
                }
            }
        }
        if (file == null) {
            throw new UsageException("missing FILE; " + USAGE);
        }
        if (!Files.isReadable(Path.of(file))) {
            throw new UsageException("cannot read '" + file + "'");
        }
        CaptureReplay capture;
        try {
            capture = new CaptureReplay(Path.of(file), TicMode.parseOrNull(mode), Double.parseDouble(speed));
        } catch (IOException e) {
            throw new UsageException("cannot read '" + file + "': " + e.getMessage());
        }
        Main main = RoleMain.create("collector", Map.of(
                "collector.port", "replay",
                "collector.mode", mode,
                // the line goes quiet at the end of the file: the last minute closes after this timeout
                "collector.minute.timeout", String.valueOf(LAST_MINUTE_TIMEOUT_MS)));
        main.bind("replay", capture);
        long drainTimeoutMillis = drainTimeoutSeconds * 1000;
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                CamelContext context = m.getCamelContext();
                capture.finished().thenRunAsync(() -> finish(context, drainTimeoutMillis, main::completed));
            }
        });
        return RoleMain.run("replay", main);
    }

    /** Lets the last minute close (quiet-line timeout), then waits for the upload. */
    private static void finish(CamelContext context, long drainTimeoutMillis, Runnable done) {
        try {
            LOG.info("end of the capture: closing the last minute and draining the spool");
            Thread.sleep(LAST_MINUTE_TIMEOUT_MS + 1000);
            Spool spool = context.getRegistry().lookupByNameAndType("spool", Spool.class);
            long deadline = System.currentTimeMillis() + drainTimeoutMillis;
            while (spool.size() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            int left = spool.size();
            if (left > 0) {
                LOG.warn("{} readings could not be uploaded yet; they stay in {}", left, spool.dir());
            } else {
                LOG.info("replay complete, every reading uploaded");
            }
        } catch (IOException e) {
            LOG.error("replay: cannot read the spool: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.error("replay: {}", e.toString());
        }
        done.run();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value; " + USAGE);
        }
        return args[i];
    }
}
