package teleinfo.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import teleinfo.protocol.TicFrame;
import teleinfo.protocol.TicLabel;
import teleinfo.protocol.TicMode;

class PlausibilityCheckTest {
    private final Frames frames = new Frames(TicMode.HISTORIC);
    private final Instant t = Instant.parse("2026-11-29T19:00:00Z");

    @Test
    void acceptsWhatTheSubscribedPowerAllowsAndRefusesMore() {
        PlausibilityCheck check = new PlausibilityCheck(1.5, 10);
        TicFrame first = frames.at(t);
        assertThat(check.check("m", first, t)).isNull();
        // 9 kVA for one hour x 1.5 = 13.5 kWh (+10 Wh slack)
        long hp = first.number(TicLabel.HCHP);
        Instant hourLater = t.plusSeconds(3600);
        TicFrame fine = Frames.withValue(frames.at(hourLater), TicLabel.HCHP, String.format("%09d", hp + 13_000));
        assertThat(check.check("m", fine, hourLater)).isNull();
        Instant later = hourLater.plusSeconds(2);
        TicFrame spike = Frames.withValue(frames.at(later), TicLabel.HCHP, String.format("%09d", hp + 13_100));
        assertThat(check.check("m", spike, later)).startsWith("HCHP rose by 100 Wh");
    }

    @Test
    void aWrongReferenceIsReplacedAfterTenRefusalsInARow() {
        PlausibilityCheck check = new PlausibilityCheck(1.5, 10);
        TicFrame wrongFirst = Frames.withValue(frames.at(t), TicLabel.HCHC, "900000000");
        assertThat(check.check("m", wrongFirst, t)).isNull();
        for (int i = 1; i < 10; i++) {
            assertThat(check.check("m", frames.at(t.plusSeconds(i)), t.plusSeconds(i))).contains("went backwards");
        }
        assertThat(check.check("m", frames.at(t.plusSeconds(10)), t.plusSeconds(10))).isNull();
        assertThat(check.check("m", frames.at(t.plusSeconds(11)), t.plusSeconds(11))).isNull();
    }
}
