package teleinfo.demo;

import teleinfo.cli.UsageException;

/** Placeholder until this role is built. */
public final class DemoCommand {
    private DemoCommand() {
    }

    public static int run(String[] args) {
        throw new UsageException("'DemoCommand' is not available yet");
    }
}
