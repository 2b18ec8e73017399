package teleinfo.simulator;

import teleinfo.cli.UsageException;

/** Placeholder until this role is built. */
public final class SimulateCommand {
    private SimulateCommand() {
    }

    public static int run(String[] args) {
        throw new UsageException("'SimulateCommand' is not available yet");
    }
}
