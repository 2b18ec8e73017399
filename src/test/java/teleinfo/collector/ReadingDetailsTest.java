package teleinfo.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import teleinfo.protocol.TicFrameDecoder;
import teleinfo.protocol.TicMode;
import teleinfo.reading.Reading;
import teleinfo.reading.ReadingJson;
import teleinfo.server.ReadingRow;
import teleinfo.server.ReadingValidator;
import teleinfo.simulator.MeterSimulator;

/**
 * The fields of the reading the page uses (issue 12): from the frames of a minute to the JSON the collector sends,
 * and through the server's validation.
 */
class ReadingDetailsTest {

    private static Reading minute(MeterSimulator meter, Instant minute) {
        MinuteAggregate aggregate = new MinuteAggregate(meter.config().meterId(), minute);
        TicFrameDecoder decoder = new TicFrameDecoder(meter.config().mode(), view -> aggregate.accept(view.toFrame()));
        for (int s = 0; s < 60; s += 10) {
            decoder.feed(meter.frameAt(minute.plusSeconds(s)));
        }
        return aggregate.toReading();
    }

    private static ReadingRow throughTheServer(Reading reading) throws Exception {
        byte[] json = ReadingWriter.toJson(reading);
        List<ReadingRow> rows = new ReadingValidator().validate(ReadingJson.mapper().readTree(json), 1);
        return rows.get(0);
    }

    @Test
    void aHistoricTempoMinuteCarriesTomorrowsColourSubscribedPowerAndItsOverload() throws Exception {
        MeterSimulator tempo = new MeterSimulator(new MeterSimulator.Config(TicMode.HISTORIC, false, "021861348497",
                9, 1, MeterSimulator.Tariff.TEMPO, false));
        // 18 November 2026, 19:01 Paris: an overload minute of the simulated meter (a day of the month divisible by 9)
        Reading r = minute(tempo, Instant.parse("2026-11-18T18:01:00Z"));
        assertThat(r.option()).isEqualTo("BBR(");
        assertThat(r.period()).startsWith("HPJ");
        assertThat(r.tomorrow()).isIn("BLEU", "BLAN", "ROUG");
        assertThat(r.subscribed()).isEqualTo(9000); // ISOUSC 45 A x 200 V
        assertThat(r.overload()).isTrue();
        assertThat(r.status()).isNull();
        ReadingRow row = throughTheServer(r);
        assertThat(row.details().tomorrow()).isEqualTo(r.tomorrow());
        assertThat(row.details().overload()).isTrue();
        assertThat(row.details().subscribedVa()).isEqualTo(9000);
        // an ordinary minute: no overload field at all
        Reading calm = minute(tempo, Instant.parse("2026-11-18T18:10:00Z"));
        assertThat(calm.overload()).isNull();
        assertThat(new String(ReadingWriter.toJson(calm))).doesNotContain("overload");
    }

    @Test
    void aStandardThreePhaseProducerMinuteCarriesPhasePowerStatusAndInjection() throws Exception {
        MeterSimulator producer = new MeterSimulator(new MeterSimulator.Config(TicMode.STANDARD, true, "041876097452",
                12, 2, MeterSimulator.Tariff.HPHC, true));
        Reading r = minute(producer, Instant.parse("2026-06-21T11:30:00Z"));
        assertThat(r.phasePower()).hasSize(3);
        assertThat(r.phasePower().stream().mapToInt(Integer::intValue).sum()).isCloseTo(r.power().avg(),
                org.assertj.core.data.Offset.offset(3));
        assertThat(r.injection().avg()).isPositive();
        assertThat(r.registers()).containsKey("EAIT");
        assertThat(r.status()).matches("[0-9A-F]{8}");
        assertThat(Long.parseLong(r.status(), 16) & 1 << 8).as("producer bit").isNotZero();
        assertThat(r.subscribed()).isEqualTo(12_000);
        assertThat(r.periodRaw()).isEqualTo(" HEURES PLEINES ");
        ReadingRow row = throughTheServer(r);
        assertThat(row.details().phasePower()).containsExactly(r.phasePower().toArray(new Integer[0]));
        assertThat(row.details().status()).isEqualTo(r.status());
        // the JSON is the same whether Jackson or the collector's writer makes it
        assertThat(new String(ReadingWriter.toJson(r))).isEqualTo(ReadingJson.mapper().writeValueAsString(r));
    }

    @Test
    void anOlderCollectorsReadingWithoutTheNewFieldsIsStillAccepted() throws Exception {
        String old = "{\"meter\":\"021528603314\",\"time\":\"2026-11-29T21:09:00Z\",\"mode\":\"historic\","
                + "\"option\":\"HC..\",\"period\":\"HP\",\"periodRaw\":\"HP..\",\"power\":{\"avg\":812,\"min\":430,"
                + "\"max\":2950},\"current\":[4],\"voltage\":[],\"registers\":{\"HCHC\":12345678,\"HCHP\":2345678},"
                + "\"frames\":41,\"rejected\":0}";
        ReadingRow row = new ReadingValidator().validate(ReadingJson.mapper().readTree(old), 1).get(0);
        assertThat(row.details()).isEqualTo(ReadingRow.Details.NONE);
    }
}
