package teleinfo.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import teleinfo.protocol.TicMode;
import teleinfo.simulator.MeterSimulator;
import teleinfo.simulator.RealTimeFeed;

/**
 * {@code simulate [--mode historic|standard] [--phases 1|3] [--speed N] [--start ISO-INSTANT] PATH|-}: a simulated
 * meter writing its TIC byte stream in real time (or N times faster) to a path, typically one end of a socat
 * pseudo-terminal pair, or to standard output. Runs until killed, or until the reader of standard output goes away.
 */
public final class SimulateCommand {
    static final String USAGE =
            "usage: rpi-teleinfo simulate [--mode historic|standard] [--phases 1|3] [--speed N] [--start INSTANT] PATH|-";

    private SimulateCommand() {
    }

    public static int run(String[] args) {
        TicMode mode = TicMode.STANDARD;
        boolean threePhase = false;
        double speed = 1;
        Instant start = Instant.now();
        String target = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--mode" -> {
                    String m = value(args, ++i, a);
                    mode = TicMode.parseOrNull(m);
                    if (mode == null) {
                        throw new UsageException("--mode must be historic or standard, not '" + m + "'");
                    }
                }
                case "--phases" -> {
                    String p = value(args, ++i, a);
                    if (!p.equals("1") && !p.equals("3")) {
                        throw new UsageException("--phases must be 1 or 3, not '" + p + "'");
                    }
                    threePhase = p.equals("3");
                }
                case "--speed" -> speed = positive(value(args, ++i, a));
                case "--start" -> {
                    String s = value(args, ++i, a);
                    try {
                        start = Instant.parse(s);
                    } catch (DateTimeParseException e) {
                        throw new UsageException("--start must be an ISO-8601 instant such as 2026-11-29T21:09:00Z");
                    }
                }
                default -> {
                    if (a.startsWith("-") && !a.equals("-")) {
                        throw new UsageException("unknown option '" + a + "'; " + USAGE);
                    }
                    if (target != null) {
                        throw new UsageException("only one PATH is allowed; " + USAGE);
                    }
                    target = a;
                }
            }
        }
        if (target == null) {
            throw new UsageException("missing PATH (a file, a pseudo-terminal, or - for standard output); " + USAGE);
        }
        RealTimeFeed feed = new RealTimeFeed(new MeterSimulator(MeterSimulator.Config.defaults(mode, threePhase)),
                start, speed);
        boolean stdout = target.equals("-");
        // standard output as a plain stream, not System.out: a PrintStream swallows the broken pipe, and the command
        // would write forever once its reader has gone (simulate - | head -c 1000)
        try (OutputStream out = stdout ? new FileOutputStream(FileDescriptor.out)
                : Files.newOutputStream(Path.of(target), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            feed.writeTo(out);
        } catch (IOException e) {
            if (stdout) {
                return 0; // the reader went away: nothing more is wanted
            }
            System.err.println("rpi-teleinfo: simulate: cannot write to " + target + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value; " + USAGE);
        }
        return args[i];
    }

    private static double positive(String text) {
        try {
            double v = Double.parseDouble(text);
            if (v > 0 && v <= 10_000) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--speed must be a number above 0 (at most 10000), not '" + text + "'");
    }
}
