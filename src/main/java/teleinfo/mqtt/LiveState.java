package teleinfo.mqtt;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import teleinfo.protocol.StatusRegister;
import teleinfo.protocol.TicFrame;
import teleinfo.protocol.TicLabel;
import teleinfo.protocol.TicMode;

/**
 * The latest values of one meter, taken from a frame that passed the decoder and the plausibility check, as the JSON
 * of {@code <topic>/<meter>/state} (docs/MQTT.md lists the fields). A field the meter does not send is left out.
 */
public record LiveState(
        String meter,
        Instant time,
        TicMode mode,
        String option,
        String period,
        String periodName,
        Integer apparentPower,
        Integer injectedPower,
        int[] currents,
        int[] voltages,
        Map<String, Long> registers,
        Integer subscribedPower,
        boolean tempo,
        String tempoToday,
        String tempoTomorrow,
        boolean overSubscription,
        Boolean overVoltage) {

    public static final String BLUE = "blue";
    public static final String WHITE = "white";
    public static final String RED = "red";

    /** @param time the frame's time: the meter's clock where it sends one, else when it was received */
    public static LiveState of(String meter, TicFrame frame, Instant time) {
        StatusRegister status = frame.status();
        boolean standard = frame.mode() == TicMode.STANDARD;
        String option = frame.tariffOption();
        boolean tempo;
        String today;
        String tomorrow;
        if (standard) {
            today = colour(status == null ? null : status.tempoToday());
            tomorrow = colour(status == null ? null : status.tempoTomorrow());
            tempo = today != null;
        } else {
            tempo = option != null && option.startsWith("BBR");
            String ptec = frame.value(TicLabel.PTEC);
            today = tempo && ptec != null && ptec.length() == 4 ? colourOfPeriodSuffix(ptec.substring(2)) : null;
            tomorrow = tempo ? colourOfDemain(frame.value(TicLabel.DEMAIN)) : null;
        }
        String period = frame.period();
        String periodName = standard ? trimmed(frame.value(TicLabel.LTARF)) : historicPeriodName(period);
        return new LiveState(meter, time, frame.mode(), option, period, periodName, frame.apparentPower(),
                frame.injectedPower(), frame.currents(), frame.voltages(), frame.energyRegisters(),
                frame.subscribedPowerVa(), tempo, today, tomorrow,
                standard ? status != null && status.referencePowerExceeded() : frame.has(TicLabel.ADPS),
                standard && status != null ? status.overVoltage() : null);
    }

    /** A register's value as Home Assistant wants it: kWh (kvarh for ERQ1-4), exact to the Wh. */
    public static BigDecimal kilo(long whOrVarh) {
        return BigDecimal.valueOf(whOrVarh, 3);
    }

    public String toJson() {
        Json json = new Json().put("meter", meter);
        if (time != null) {
            json.put("time", DateTimeFormatter.ISO_INSTANT.format(time));
        }
        json.put("mode", mode == null ? null : mode.jsonName());
        if (option != null) {
            json.put("option", option);
        }
        if (period != null) {
            json.put("period", period).put("period_name", periodName);
        }
        if (apparentPower != null) {
            json.put("apparent_power", apparentPower);
        }
        if (injectedPower != null) {
            json.put("injected_power", injectedPower);
        }
        if (currents.length > 0) {
            json.put("current", phases(currents));
        }
        if (voltages.length > 0) {
            json.put("voltage", phases(voltages));
        }
        if (!registers.isEmpty()) {
            Json energy = new Json();
            registers.forEach((label, value) -> energy.put(label, kilo(value)));
            json.put("energy", energy);
        }
        if (subscribedPower != null) {
            json.put("subscribed_power", subscribedPower);
        }
        if (tempo) {
            json.put("tempo_today", tempoToday).put("tempo_tomorrow", tempoTomorrow);
        }
        json.put("over_subscription", overSubscription);
        if (overVoltage != null) {
            json.put("over_voltage", overVoltage);
        }
        return json.toString();
    }

    private static Json phases(int[] values) {
        Json json = new Json();
        for (int i = 0; i < values.length; i++) {
            json.put("l" + (i + 1), values[i]);
        }
        return json;
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }

    private static String colour(StatusRegister.TempoColour c) {
        if (c == null) {
            return null;
        }
        return switch (c) {
            case BLUE -> BLUE;
            case WHITE -> WHITE;
            case RED -> RED;
            case NONE -> null;
        };
    }

    private static String colourOfPeriodSuffix(String suffix) {
        return switch (suffix) {
            case "JB" -> BLUE;
            case "JW" -> WHITE;
            case "JR" -> RED;
            default -> null;
        };
    }

    /** DEMAIN: {@code ----} (not known yet), {@code BLEU}, {@code BLAN}, {@code ROUG}. */
    private static String colourOfDemain(String demain) {
        if (demain == null) {
            return null;
        }
        return switch (demain) {
            case "BLEU" -> BLUE;
            case "BLAN" -> WHITE;
            case "ROUG" -> RED;
            default -> null;
        };
    }

    private static final Map<String, String> HISTORIC_PERIOD_NAMES = new LinkedHashMap<>();

    static {
        HISTORIC_PERIOD_NAMES.put("BASE", "Base");
        HISTORIC_PERIOD_NAMES.put("HP", "Heures pleines");
        HISTORIC_PERIOD_NAMES.put("HC", "Heures creuses");
        HISTORIC_PERIOD_NAMES.put("HN", "Heures normales");
        HISTORIC_PERIOD_NAMES.put("PM", "Pointe mobile");
        HISTORIC_PERIOD_NAMES.put("HPJB", "Heures pleines jours bleus");
        HISTORIC_PERIOD_NAMES.put("HCJB", "Heures creuses jours bleus");
        HISTORIC_PERIOD_NAMES.put("HPJW", "Heures pleines jours blancs");
        HISTORIC_PERIOD_NAMES.put("HCJW", "Heures creuses jours blancs");
        HISTORIC_PERIOD_NAMES.put("HPJR", "Heures pleines jours rouges");
        HISTORIC_PERIOD_NAMES.put("HCJR", "Heures creuses jours rouges");
    }

    private static String historicPeriodName(String period) {
        return period == null ? null : HISTORIC_PERIOD_NAMES.get(period);
    }
}
