package teleinfo.collector;

import teleinfo.cli.UsageException;

/** Placeholder until this role is built. */
public final class CollectorCommand {
    private CollectorCommand() {
    }

    public static int run(String[] args) {
        throw new UsageException("'CollectorCommand' is not available yet");
    }
}
