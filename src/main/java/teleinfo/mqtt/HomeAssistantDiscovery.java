package teleinfo.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import teleinfo.protocol.TariffPeriod;
import teleinfo.protocol.TicMode;

/**
 * Home Assistant MQTT discovery: one device per meter, one entity per value the meter sends. Device class, unit and
 * state class are the combinations Home Assistant accepts (sensor device classes: energy in kWh with
 * {@code total_increasing}, which makes a register selectable in the Energy dashboard; apparent_power in VA, current in
 * A and voltage in V with {@code measurement}; {@code enum} with its options and neither unit nor state class).
 * Every template reads one field of the state JSON ({@link LiveState#toJson()}): {@code {{ value_json.<field> }}}.
 */
public final class HomeAssistantDiscovery {
    public static final String SENSOR = "sensor";
    public static final String BINARY_SENSOR = "binary_sensor";
    private static final List<String> TEMPO_COLOURS = List.of(LiveState.BLUE, LiveState.WHITE, LiveState.RED);

    private HomeAssistantDiscovery() {
    }

    /**
     * One entity: {@code field} is the path of its value in the state JSON (dots between levels).
     * {@code deviceClass}, {@code unit}, {@code stateClass} and {@code options} are null where they do not apply.
     */
    public record Entity(String component, String key, String name, String field, String deviceClass, String unit,
            String stateClass, List<String> options, String icon) {
    }

    public static String nodeId(String meter) {
        return "teleinfo_" + meter;
    }

    public static String uniqueId(String meter, String key) {
        return nodeId(meter) + "_" + key;
    }

    /** The entities of what this state carries: a value the meter does not send is not announced. */
    public static List<Entity> entities(LiveState s) {
        List<Entity> out = new ArrayList<>();
        if (s.apparentPower() != null) {
            out.add(measurement("apparent_power", "Apparent power", "apparent_power", "apparent_power", "VA"));
        }
        if (s.injectedPower() != null) {
            out.add(measurement("injected_power", "Injected apparent power", "injected_power", "apparent_power", "VA"));
        }
        phases(out, s.currents().length, "current", "Current", "current", "A");
        phases(out, s.voltages().length, "voltage", "Voltage", "voltage", "V");
        s.registers().forEach((label, value) -> {
            // a register that never counted (the unused indexes of a standard meter) is left out; EAST/EAIT always in
            if (value > 0 || label.equals("EAST") || label.equals("EAIT")) {
                out.add(register(label));
            }
        });
        if (s.period() != null) {
            out.add(new Entity(SENSOR, "period", "Tariff period", "period", "enum", null, null,
                    periodOptions(s.mode(), s.option()), "mdi:clock-outline"));
            out.add(new Entity(SENSOR, "period_name", "Tariff period name", "period_name", null, null, null, null,
                    "mdi:clock-outline"));
        }
        if (s.subscribedPower() != null) {
            out.add(new Entity(SENSOR, "subscribed_power", "Subscribed power", "subscribed_power", "apparent_power",
                    "VA", null, null, null));
        }
        if (s.tempo()) {
            out.add(new Entity(SENSOR, "tempo_today", "Tempo colour today", "tempo_today", "enum", null, null,
                    TEMPO_COLOURS, "mdi:palette"));
            out.add(new Entity(SENSOR, "tempo_tomorrow", "Tempo colour tomorrow", "tempo_tomorrow", "enum", null, null,
                    TEMPO_COLOURS, "mdi:palette"));
        }
        out.add(new Entity(BINARY_SENSOR, "over_subscription", "Subscribed power exceeded", "over_subscription",
                "problem", null, null, null, null));
        if (s.overVoltage() != null) {
            out.add(new Entity(BINARY_SENSOR, "over_voltage", "Over-voltage", "over_voltage", "problem", null, null,
                    null, null));
        }
        return out;
    }

    /** The retained config of one entity, published on {@link MqttTopics#config}. */
    public static String config(Entity e, LiveState s, MqttTopics topics) {
        String meter = s.meter();
        Json json = new Json()
                .put("name", e.name())
                .put("unique_id", uniqueId(meter, e.key()))
                .put("state_topic", topics.state(meter))
                .put("value_template", "{{ value_json." + e.field() + " }}")
                .put("availability_topic", topics.availability())
                .put("payload_available", MqttTopics.ONLINE)
                .put("payload_not_available", MqttTopics.OFFLINE);
        if (e.deviceClass() != null) {
            json.put("device_class", e.deviceClass());
        }
        if (e.unit() != null) {
            json.put("unit_of_measurement", e.unit());
        }
        if (e.stateClass() != null) {
            json.put("state_class", e.stateClass());
        }
        if (e.options() != null) {
            json.put("options", e.options());
        }
        if (e.component().equals(BINARY_SENSOR)) {
            // Home Assistant renders a JSON boolean of the template as True / False
            json.put("payload_on", "True").put("payload_off", "False");
        }
        if (e.icon() != null) {
            json.put("icon", e.icon());
        }
        Json device = new Json()
                .put("identifiers", List.of(nodeId(meter)))
                .put("name", "Teleinfo " + meter)
                .put("model", model(s));
        return json.put("device", device).put("origin", new Json().put("name", "rpi-teleinfo")).toString();
    }

    private static String model(LiveState s) {
        String mode = s.mode() == null ? "TIC" : "TIC " + s.mode().jsonName();
        return s.option() == null ? mode : mode + ", " + s.option().trim();
    }

    private static Entity measurement(String key, String name, String field, String deviceClass, String unit) {
        return new Entity(SENSOR, key, name, field, deviceClass, unit, "measurement", null, null);
    }

    private static void phases(List<Entity> out, int count, String key, String name, String deviceClass,
            String unit) {
        for (int i = 1; i <= count; i++) {
            String phase = "l" + i;
            out.add(measurement(key + "_" + phase, count == 1 ? name : name + " L" + i, key + "." + phase,
                    deviceClass, unit));
        }
    }

    private static Entity register(String label) {
        String key = "energy_" + label.toLowerCase(Locale.ROOT);
        String field = "energy." + label;
        if (label.startsWith("ERQ")) {
            // reactive energy: no device class that every Home Assistant version knows, so none
            return new Entity(SENSOR, key, "Reactive energy Q" + label.substring(3) + " (" + label + ")", field, null,
                    "kvarh", "total_increasing", null, "mdi:sine-wave");
        }
        String name = switch (label) {
            case "EAST" -> "Energy drawn, total (EAST)";
            case "EAIT" -> "Energy injected, total (EAIT)";
            default -> "Energy " + describe(label) + " (" + label + ")";
        };
        return new Entity(SENSOR, key, name, field, "energy", "kWh", "total_increasing", null, null);
    }

    private static String describe(String label) {
        String period = TariffPeriod.periodOfRegister(label);
        if (period != null) {
            return period;
        }
        if (label.startsWith("EASD")) {
            return "distributor index " + Integer.parseInt(label.substring(4));
        }
        return label;
    }

    /** The values the period can take: Home Assistant refuses an enum state outside them. */
    static List<String> periodOptions(TicMode mode, String option) {
        if (mode == TicMode.STANDARD) {
            List<String> t = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                t.add("T" + i);
            }
            return t;
        }
        String o = option == null ? "" : option;
        if (o.startsWith("BASE")) {
            return List.of("BASE");
        }
        if (o.startsWith("HC")) {
            return List.of("HP", "HC");
        }
        if (o.startsWith("EJP")) {
            return List.of("HN", "PM");
        }
        if (o.startsWith("BBR")) {
            return List.of("HPJB", "HCJB", "HPJW", "HCJW", "HPJR", "HCJR");
        }
        return List.of("BASE", "HP", "HC", "HN", "PM", "HPJB", "HCJB", "HPJW", "HCJW", "HPJR", "HCJR");
    }
}
