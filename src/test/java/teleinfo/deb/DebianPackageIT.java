package teleinfo.deb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import teleinfo.testsupport.ScriptRun;

/**
 * The Debian package the build made: lintian finds no error in it, and installed on this machine (as root) it puts
 * every file where it belongs with its owner and mode, creates the service user, runs, and leaves the way Debian
 * says (scripts/package-test.sh).
 */
class DebianPackageIT {

    @Test
    void lintianFindsNoError() throws Exception {
        ScriptRun lintian = ScriptRun.run(180, "lintian", "--fail-on", "error", ScriptRun.builtPackage().toString());
        assertThat(lintian.status()).as(lintian.output()).isZero();
        assertThat(lintian.output()).doesNotContainPattern("(?m)^E: ");
    }

    @Test
    void installsRunsRemovesAndPurges() throws Exception {
        ScriptRun test = ScriptRun.run(240, "bash", "scripts/package-test.sh", ScriptRun.builtPackage().toString(),
                "samples/linky-standard-1p.bin");
        assertThat(test.status()).as(test.output()).isZero();
        assertThat(test.output()).contains("ok: 12 frames decoded", "install to running: ", "package test: passed");
    }
}
