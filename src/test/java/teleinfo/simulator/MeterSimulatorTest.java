package teleinfo.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import teleinfo.protocol.TicFrame;
import teleinfo.protocol.TicFrameDecoder;
import teleinfo.protocol.TicMode;

class MeterSimulatorTest {

    private static List<TicFrame> decode(TicMode forced, byte[]... frames) {
        List<TicFrame> out = new ArrayList<>();
        TicFrameDecoder decoder = new TicFrameDecoder(forced, f -> out.add(f.toFrame()));
        for (byte[] f : frames) {
            decoder.feed(f);
        }
        assertThat(decoder.stats().checksumErrors()).isZero();
        assertThat(decoder.stats().formatErrors()).isZero();
        assertThat(decoder.stats().unknownGroups()).isZero();
        return out;
    }

    @ParameterizedTest
    @CsvSource({"HISTORIC,false", "HISTORIC,true", "STANDARD,false", "STANDARD,true"})
    void everyGroupPassesTheDecodersChecks(TicMode mode, boolean threePhase) {
        MeterSimulator sim = new MeterSimulator(MeterSimulator.Config.defaults(mode, threePhase));
        Instant t = Instant.parse("2026-11-29T18:30:00Z");
        byte[][] frames = new byte[50][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = sim.frameAt(t.plusSeconds(i * 2L));
        }
        List<TicFrame> decoded = decode(mode, frames);
        assertThat(decoded).hasSize(50);
        TicFrame f = decoded.get(0);
        assertThat(f.mode()).isEqualTo(mode);
        assertThat(f.errors()).isZero();
        assertThat(f.meterId()).isEqualTo(sim.config().meterId());
        assertThat(f.apparentPower()).isPositive();
        assertThat(f.currents()).hasSize(threePhase ? 3 : 1);
        assertThat(f.subscribedPowerVa()).isEqualTo(sim.config().subscribedKva() * 1000);
        assertThat(f.energyRegisters()).isNotEmpty();
        if (mode == TicMode.STANDARD) {
            assertThat(f.meterTime()).isEqualTo(t);
            assertThat(f.voltages()).hasSize(threePhase ? 3 : 1);
        }
    }

    @Test
    void registersRiseMonotonicallyAndFollowThePeakHours() {
        MeterSimulator sim = new MeterSimulator(MeterSimulator.Config.defaults(TicMode.HISTORIC, false));
        Instant t = Instant.parse("2026-11-29T00:00:00Z");
        long hc = sim.offPeakWh();
        long hp = sim.peakWh();
        List<String> periods = new ArrayList<>();
        for (int minute = 0; minute < 24 * 60; minute++) {
            TicFrame f = decode(TicMode.HISTORIC, sim.frameAt(t.plus(Duration.ofMinutes(minute)))).get(0);
            assertThat(f.number(teleinfo.protocol.TicLabel.HCHC)).isGreaterThanOrEqualTo(hc);
            assertThat(f.number(teleinfo.protocol.TicLabel.HCHP)).isGreaterThanOrEqualTo(hp);
            hc = f.number(teleinfo.protocol.TicLabel.HCHC);
            hp = f.number(teleinfo.protocol.TicLabel.HCHP);
            if (periods.isEmpty() || !periods.get(periods.size() - 1).equals(f.period())) {
                periods.add(f.period());
            }
        }
        // Paris is UTC+1 in November: off-peak until 05:00Z, peak until 21:00Z
        assertThat(periods).containsExactly("HC", "HP", "HC");
        // a day of a household: a few kWh to a few tens of kWh
        assertThat(hc + hp - 12_345_678 - 23_456_789).isBetween(3_000L, 40_000L);
    }

    @Test
    void standardHorodateCarriesTheSeasonAcrossTheSummerChange() {
        MeterSimulator sim = new MeterSimulator(MeterSimulator.Config.defaults(TicMode.STANDARD, false));
        Instant before = Instant.parse("2026-03-29T00:59:00Z");
        Instant after = Instant.parse("2026-03-29T01:01:00Z");
        List<TicFrame> f = decode(TicMode.STANDARD, sim.frameAt(before), sim.frameAt(after));
        assertThat(f.get(0).horodates().get(teleinfo.protocol.TicLabel.DATE)).isEqualTo("H260329015900");
        assertThat(f.get(1).horodates().get(teleinfo.protocol.TicLabel.DATE)).isEqualTo("E260329030100");
        assertThat(f.get(0).meterTime()).isEqualTo(before);
        assertThat(f.get(1).meterTime()).isEqualTo(after);
    }

    @Test
    void realTimeFeedPacesFramesAtTheLineSpeed() throws InterruptedException {
        MeterSimulator sim = new MeterSimulator(MeterSimulator.Config.defaults(TicMode.STANDARD, false));
        Instant start = Instant.parse("2026-11-29T12:00:00Z");
        RealTimeFeed feed = new RealTimeFeed(sim, start, 20);
        long t0 = System.nanoTime();
        int bytes = 0;
        for (int i = 0; i < 10; i++) {
            bytes += feed.next().length;
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - t0);
        Duration line = MeterSimulator.transmissionTime(bytes, TicMode.STANDARD);
        assertThat(Duration.between(start, feed.virtualTime())).isGreaterThan(line);
        assertThat(wall.toMillis()).isGreaterThanOrEqualTo(line.toMillis() / 20 - 5);
    }
}
