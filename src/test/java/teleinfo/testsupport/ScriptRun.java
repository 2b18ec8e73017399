package teleinfo.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A script of scripts/ (or a tool) run to completion, its output kept and echoed into the test report. */
public record ScriptRun(int status, String output) {

    public static ScriptRun run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("script", ".log");
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                // the script's own children (socat, java) stop with it: each script kills what it started on exit
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
                p.waitFor();
                String output = Files.readString(log);
                System.out.println(output);
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds
                        + " s:\n" + output);
            }
            String output = Files.readString(log);
            System.out.println(output);
            return new ScriptRun(p.exitValue(), output);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The one Debian package the build made. */
    public static Path builtPackage() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().matches("rpi-teleinfo_.+_all\\.deb")).toList();
            if (debs.size() != 1) {
                throw new IllegalStateException("expected one target/rpi-teleinfo_*_all.deb, found " + debs);
            }
            return debs.get(0);
        }
    }
}
