package teleinfo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static teleinfo.server.TestReadings.historic;
import static teleinfo.server.TestReadings.standard;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReadingValidatorTest {
    /** "Now" is one hour after the test readings' base time. */
    private final ReadingValidator validator = new ReadingValidator(
            Clock.fixed(Instant.ofEpochSecond(TestReadings.BASE_T + 3600), ZoneOffset.UTC));

    @Test
    void acceptsTheContractExamplesAndMapsEveryField() {
        ReadingRow h = validator.validate(historic("021528603314", 3), 10).get(0);
        assertThat(h.meter()).isEqualTo("021528603314");
        assertThat(h.t()).isEqualTo(TestReadings.BASE_T + 180);
        assertThat(h.current()).containsExactly(4, null, null);
        assertThat(h.voltage()).isNull();
        assertThat(h.registers()[Registers.indexOf("HCHC")]).isEqualTo(12_345_681L);
        assertThat(h.registers()[Registers.indexOf("BASE")]).isEqualTo(ReadingRow.NO_VALUE);
        ReadingRow s = validator.validate(standard("SX1234567890", 0), 10).get(0);
        assertThat(s.voltage()).containsExactly(231, 229, 232);
        assertThat(s.injectionMax()).isEqualTo(20);
        // optional fields may be absent or null; an 11-character (anonymised) meter is accepted
        ObjectNode minimal = historic("02152860331", 0);
        minimal.remove(List.of("option", "periodRaw", "voltage"));
        minimal.putNull("injection");
        assertThat(validator.validate(minimal, 10).get(0).option()).isNull();
        // a time with an offset is the same instant
        ObjectNode offset = historic("021528603314", 0);
        offset.put("time", "2026-11-29T21:00:00+01:00");
        assertThat(validator.validate(offset, 10).get(0).t()).isEqualTo(TestReadings.BASE_T);
        // unknown fields are ignored (the contract grows by optional fields)
        ObjectNode extra = historic("021528603314", 0);
        extra.put("firmware", "1.2");
        assertThat(validator.validate(extra, 10)).hasSize(1);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                bad("meter", r -> r.remove("meter")),
                bad("meter", r -> r.put("meter", 21528603314L)),
                bad("meter", r -> r.put("meter", "0215286033")),
                bad("meter", r -> r.put("meter", "0215286033145")),
                bad("meter", r -> r.put("meter", "02152860331'")),
                bad("time", r -> r.put("time", "2026-11-29T20:00:01Z")),
                bad("time", r -> r.put("time", "2026-11-29T20:00:00.5Z")),
                bad("time", r -> r.put("time", "2026-11-29 20:00")),
                bad("time", r -> r.put("time", 1764446400)),
                bad("time", r -> r.put("time", Instant.ofEpochSecond(TestReadings.BASE_T + 3600 + 360).toString())),
                bad("mode", r -> r.put("mode", "HISTORIC")),
                bad("option", r -> r.put("option", "x".repeat(17))),
                bad("option", r -> r.put("option", "")),
                bad("option", r -> r.put("option", "é")),
                bad("option", r -> r.put("option", 3)),
                bad("period", r -> r.put("period", "T11")),
                bad("period", r -> r.remove("period")),
                bad("periodRaw", r -> r.put("periodRaw", "a\nb")),
                bad("power", r -> r.remove("power")),
                bad("power", r -> r.put("power", 800)),
                bad("power.avg", r -> ((ObjectNode) r.get("power")).put("avg", 1.5)),
                bad("power.avg", r -> ((ObjectNode) r.get("power")).put("avg", "800")),
                bad("power.max", r -> ((ObjectNode) r.get("power")).remove("max")),
                bad("power.min", r -> ((ObjectNode) r.get("power")).put("min", -1)),
                bad("power.min", r -> ((ObjectNode) r.get("power")).put("min", 900)),
                bad("power.max", r -> ((ObjectNode) r.get("power")).put("max", 700)),
                bad("power.max", r -> ((ObjectNode) r.get("power")).put("max", 10_000_000)),
                bad("injection", r -> r.put("injection", "none")),
                bad("current", r -> r.remove("current")),
                bad("current", r -> r.putArray("current")),
                bad("current", r -> r.putArray("current").add(1).add(2)),
                bad("current[0]", r -> r.putArray("current").add(-1)),
                bad("current[2]", r -> r.putArray("current").add(1).add(2).add("3")),
                bad("voltage", r -> r.putArray("voltage").add(230)), // historic mode
                bad("registers", r -> r.remove("registers")),
                bad("registers", r -> r.putObject("registers")),
                bad("registers.PAPP", r -> ((ObjectNode) r.get("registers")).put("PAPP", 1)),
                bad("registers.hchc", r -> ((ObjectNode) r.get("registers")).put("hchc", 1)),
                bad("registers.HCHC", r -> ((ObjectNode) r.get("registers")).put("HCHC", 1_000_000_000L)),
                bad("registers.HCHC", r -> ((ObjectNode) r.get("registers")).put("HCHC", -5)),
                bad("registers.HCHC", r -> ((ObjectNode) r.get("registers")).putNull("HCHC")),
                bad("registers.HCHC", r -> ((ObjectNode) r.get("registers")).put("HCHC",
                        new java.math.BigInteger("99999999999999999999999"))),
                bad("frames", r -> r.put("frames", 0)),
                bad("frames", r -> r.remove("frames")),
                bad("rejected", r -> r.put("rejected", -1)));
    }

    private static Arguments bad(String field, Consumer<ObjectNode> change) {
        return Arguments.of(field, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsWithTheFieldAndIndex(String field, Consumer<ObjectNode> change) {
        ObjectNode r = historic("021528603314", 1);
        change.accept(r);
        var batch = TestReadings.array(List.of(historic("021528603314", 0), r));
        assertThatThrownBy(() -> validator.validate(batch, 10))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.index()).isEqualTo(1);
                });
    }

    @Test
    void voltageIsAllowedInStandardModeAndTheBatchSizeIsBounded() {
        assertThat(validator.validate(standard("SX1234567890", 0), 10)).hasSize(1);
        var eleven = TestReadings.array(java.util.Collections.nCopies(11, historic("021528603314", 0)));
        assertThatThrownBy(() -> validator.validate(eleven, 10))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
    }
}
