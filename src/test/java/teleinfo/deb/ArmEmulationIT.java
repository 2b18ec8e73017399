package teleinfo.deb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import teleinfo.testsupport.ScriptRun;

/**
 * The packaged collector on the Pi's CPUs under user-mode emulation (qemu-user-static), with Debian's OpenJDK 17 for
 * that architecture and the JVM flags of the package's teleinfo-collector.service (scripts/arm-collector-test.sh):
 * one JVM start per architecture, the first ones taking tens of seconds to start.
 */
class ArmEmulationIT {

    private static ScriptRun collector(String arch) throws Exception {
        return ScriptRun.run(240, "bash", "scripts/arm-collector-test.sh", arch, ScriptRun.builtPackage().toString());
    }

    @Test
    void arm64CollectorLoadsItsNativeDecodesAndDelivers() throws Exception {
        ScriptRun run = collector("arm64");
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).contains("64-Bit Server VM", "native loaded: Linux/armv8_64/libjSerialComm.so",
                "arm test (arm64): passed");
    }

    @Test
    void armhfCollectorLoadsItsNativeDecodesAndDelivers() throws Exception {
        ScriptRun run = collector("armhf");
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).contains("OpenJDK Server VM", "native loaded: Linux/armv6hf/libjSerialComm.so",
                "arm test (armhf): passed");
    }

    /**
     * ARMv6 (Pi Zero, Pi 1): armel's JRE is the interpreter-only Zero VM, which refused the unit's former
     * -XX:CICompilerCount=1. The whole collector takes minutes to start there under emulation, so the suite checks
     * that the JVM starts with the unit's flags and runs the jar ({@code decode}); the full run is
     * {@code scripts/arm-collector-test.sh armel DEB} (README, "Tests").
     */
    @Test
    void armelZeroVmStartsWithTheUnitsFlagsAndDecodes() throws Exception {
        ScriptRun run = ScriptRun.run(180, "bash", "scripts/arm-collector-test.sh", "armel",
                ScriptRun.builtPackage().toString(), "samples/linky-standard-1p.bin");
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).contains("Zero VM", "12 frames", "arm test (armel): passed");
    }
}
