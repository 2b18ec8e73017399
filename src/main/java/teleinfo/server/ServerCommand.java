package teleinfo.server;

import teleinfo.cli.UsageException;

/** Placeholder until this role is built. */
public final class ServerCommand {
    private ServerCommand() {
    }

    public static int run(String[] args) {
        throw new UsageException("'ServerCommand' is not available yet");
    }
}
