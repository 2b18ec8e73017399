package teleinfo;

import java.util.Arrays;

import teleinfo.cli.CollectorCommand;
import teleinfo.cli.DecodeCommand;
import teleinfo.cli.DemoCommand;
import teleinfo.cli.ReplayCommand;
import teleinfo.cli.ServerCommand;
import teleinfo.cli.SimulateCommand;
import teleinfo.cli.UsageException;

/**
 * One jar, several roles: {@code java -jar rpi-teleinfo.jar <command> ...}.
 */
public final class App {
    static final String USAGE = "usage: rpi-teleinfo <decode|collector|server|demo|replay|simulate> [options]";

    private App() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0) {
            System.err.println(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "decode":
                    return new DecodeCommand(System.in, System.out, System.err).run(rest);
                case "collector":
                    return CollectorCommand.run(rest);
                case "replay":
                    return ReplayCommand.run(rest);
                case "simulate":
                    return SimulateCommand.run(rest);
                case "server":
                    return ServerCommand.run(rest);
                case "demo":
                    return DemoCommand.run(rest);
                default:
                    throw new UsageException("unknown command '" + args[0] + "'; " + USAGE);
            }
        } catch (UsageException e) {
            System.err.println("rpi-teleinfo: " + e.getMessage());
            return 2;
        }
    }
}
