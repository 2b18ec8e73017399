package teleinfo.collector;

import teleinfo.cli.UsageException;

/** Placeholder until this role is built. */
public final class ReplayCommand {
    private ReplayCommand() {
    }

    public static int run(String[] args) {
        throw new UsageException("'ReplayCommand' is not available yet");
    }
}
