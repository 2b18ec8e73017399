package teleinfo.server;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Valid readings as JSON (the wire form) for tests; change a field to make one invalid. */
final class TestReadings {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long BASE_T = Instant.parse("2026-11-29T20:00:00Z").getEpochSecond();

    private TestReadings() {
    }

    /** A historic-mode reading of meter at BASE_T + minute * 60. */
    static ObjectNode historic(String meter, int minute) {
        ObjectNode r = JSON.createObjectNode();
        r.put("meter", meter);
        r.put("time", Instant.ofEpochSecond(BASE_T + minute * 60L).toString());
        r.put("mode", "historic");
        r.put("option", "HC..");
        r.put("period", minute % 2 == 0 ? "HP" : "HC");
        r.put("periodRaw", minute % 2 == 0 ? "HP.." : "HC..");
        ObjectNode power = r.putObject("power");
        power.put("avg", 800 + minute);
        power.put("min", 400 + minute);
        power.put("max", 2900 + minute);
        r.putArray("current").add(4);
        r.putArray("voltage");
        ObjectNode registers = r.putObject("registers");
        registers.put("HCHC", 12_345_678L + minute);
        registers.put("HCHP", 2_345_678L + 2L * minute);
        r.put("frames", 41);
        r.put("rejected", 0);
        return r;
    }

    /** A three-phase standard-mode reading with injection and voltages. */
    static ObjectNode standard(String meter, int minute) {
        ObjectNode r = JSON.createObjectNode();
        r.put("meter", meter);
        r.put("time", Instant.ofEpochSecond(BASE_T + minute * 60L).toString());
        r.put("mode", "standard");
        r.put("option", "H PLEINE/CREUSE");
        r.put("period", "T2");
        r.put("periodRaw", "HEURE  PLEINE");
        ObjectNode power = r.putObject("power");
        power.put("avg", 1500);
        power.put("min", 1000);
        power.put("max", 3000);
        ObjectNode injection = r.putObject("injection");
        injection.put("avg", 10);
        injection.put("min", 0);
        injection.put("max", 20);
        r.putArray("current").add(3).add(2).add(1);
        r.putArray("voltage").add(231).add(229).add(232);
        ObjectNode registers = r.putObject("registers");
        registers.put("EAST", 50_000_000L + minute);
        registers.put("EASF01", 20_000_000L);
        registers.put("EASF02", 30_000_000L + minute);
        registers.put("EAIT", 1_000L);
        registers.put("ERQ1", 7L);
        r.put("frames", 30);
        r.put("rejected", 2);
        return r;
    }

    static ArrayNode array(List<? extends JsonNode> readings) {
        ArrayNode a = JSON.createArrayNode();
        readings.forEach(a::add);
        return a;
    }

    static List<ReadingRow> rows(JsonNode body) {
        return new ReadingValidator().validate(body, 10_000);
    }
}
