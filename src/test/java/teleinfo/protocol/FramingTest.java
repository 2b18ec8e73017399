package teleinfo.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import teleinfo.testsupport.Corpus;

class FramingTest {

    private static byte[] historicFrame(String adco, String papp) {
        return new TicEncoder().startFrame().historic("ADCO", adco).historic("OPTARIF", "BASE")
                .historic("BASE", "001234567").historic("PTEC", "TH..").historic("PAPP", papp).endFrame().toBytes();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    /** The worked examples of docs/PROTOCOL.md section 3: each group as between LF and CR. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "ISOUSC 30 9",
        "PTEC HP..  ",
        "HCHC 000723392  ",
        "PAPP 01095 0",
        "ADSC\t12345678900\tJ",
        "CCASN\tH191203120000\t00521\t6",
        "DATE\tH230301091834\t\tC",
        "SMAXSN-1\tH200213085118\t09562\t ",
        "DPM1\t 200214060000\t00\t\\"})
    void acceptsTheSpecificationsWorkedExamples(String group) {
        byte[] bytes = concat(new byte[] {0x02, 0x0A}, group.getBytes(StandardCharsets.US_ASCII),
                new byte[] {0x0D, 0x03});
        List<TicFrame> frames = Corpus.decode(bytes, null);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).errors()).isZero();
        assertThat(frames.get(0).values()).hasSize(1);
    }

    @Test
    void checksumCanBeASpaceAndValuesKeepTheirSpaces() {
        byte[] bytes = new TicEncoder().startFrame()
                .standard("NGTF", null, " HC et Week-End ").standard("MSG1", null, "PAS DE          MESSAGE         ")
                .endFrame().toBytes();
        TicFrame f = Corpus.decode(bytes, null).get(0);
        assertThat(f.value(TicLabel.NGTF)).isEqualTo(" HC et Week-End ");
        assertThat(f.tariffOption()).isEqualTo("HC et Week-End");
        assertThat(f.value(TicLabel.MSG1)).hasSize(32);
    }

    @Test
    void eotDropsTheFrameInProgressAndStxRestartsIt() {
        byte[] good = historicFrame("021528603314", "00750");
        byte[] cut = java.util.Arrays.copyOf(good, 30);
        TicFrameDecoder[] holder = new TicFrameDecoder[1];
        List<TicFrame> frames = new java.util.ArrayList<>();
        holder[0] = new TicFrameDecoder(null, f -> frames.add(f.toFrame()));
        holder[0].feed(concat(cut, new byte[] {0x04}, good, cut, good));
        assertThat(frames).hasSize(2);
        assertThat(frames).allSatisfy(f -> assertThat(f.errors()).isZero());
        assertThat(holder[0].stats().interruptedFrames()).isEqualTo(2);
        assertThat(holder[0].stats().frames()).isEqualTo(2);
    }

    @Test
    void countersCountTheGroupsOfDeliveredFramesOnly() {
        byte[] good = historicFrame("021528603314", "00750");
        byte[] corrupt = new String(good, StandardCharsets.US_ASCII).replace("PAPP 00750", "PAPP 00751")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 10); // four whole groups, then EOT
        long[] shown = new long[2];
        TicFrameDecoder decoder = new TicFrameDecoder(null, f -> {
            shown[0] += f.groupCount();
            shown[1] += f.errors();
        });
        // a frame cut by EOT, one cut by STX, one with a bad checksum, a good one, and one never finished
        decoder.feed(concat(cut, new byte[] {0x04}, cut, corrupt, good, cut));
        DecoderStats s = decoder.stats();
        assertThat(s.frames()).isEqualTo(2);
        assertThat(s.interruptedFrames()).isEqualTo(2);
        assertThat(s.groupsAccepted()).isEqualTo(shown[0]).isEqualTo(4 + 5);
        assertThat(s.checksumErrors() + s.formatErrors()).isEqualTo(shown[1]).isEqualTo(1);
    }

    @Test
    void partialFramesAtBothEndsAndGarbageOutsideFramesAreSkipped() {
        byte[] good = historicFrame("021528603314", "00750");
        byte[] bytes = concat("garbage\r\nPAPP 00750 ".getBytes(StandardCharsets.US_ASCII),
                java.util.Arrays.copyOfRange(good, 20, good.length), good, new byte[] {0x7F, 0x55},
                java.util.Arrays.copyOf(good, 40));
        List<TicFrame> frames = Corpus.decode(bytes, null);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).meterId()).isEqualTo("021528603314");
    }

    @Test
    void wrongChecksumWrongFormatAndUnknownLabelsAreKeptOutOfTheValues() {
        byte[] bytes = new TicEncoder().startFrame()
                .historic("ADCO", "021528603314")
                .raw("\nPAPP 00750 X\r".getBytes(StandardCharsets.US_ASCII)) // bad checksum
                .historic("IINST", "12") // IINST has 3 digits
                .historic("PTEC", "XX..") // not a period
                .historic("HCHC", "00012345A") // not numeric
                .historic("FOO", "123") // well-formed, unknown
                .endFrame().toBytes();
        TicFrameDecoder decoder = new TicFrameDecoder(null, f -> { });
        List<TicFrame> frames = new java.util.ArrayList<>();
        decoder = new TicFrameDecoder(null, f -> frames.add(f.toFrame()));
        decoder.feed(bytes);
        TicFrame f = frames.get(0);
        assertThat(f.values()).containsOnlyKeys(TicLabel.ADCO);
        assertThat(f.unknownGroups()).containsEntry("FOO", "123");
        assertThat(f.errors()).isEqualTo(4);
        assertThat(decoder.stats().checksumErrors()).isEqualTo(1);
        assertThat(decoder.stats().formatErrors()).isEqualTo(3);
        assertThat(decoder.stats().unknownGroups()).isEqualTo(1);
    }

    @Test
    void aLabelOfTheOtherModeIsNotAccepted() {
        byte[] bytes = new TicEncoder().startFrame().historic("SINSTS", "00750").standard("PAPP", null, "00750")
                .endFrame().toBytes();
        TicFrame f = Corpus.decode(bytes, null).get(0);
        assertThat(f.values()).isEmpty();
        assertThat(f.unknownGroups()).containsOnlyKeys("SINSTS");
        assertThat(f.errors()).isEqualTo(1); // a standard group after a historic one, in one frame
    }

    @Test
    void aForcedModeRejectsGroupsOfTheOtherMode() {
        byte[] bytes = historicFrame("021528603314", "00750");
        assertThat(Corpus.decode(bytes, TicMode.STANDARD).get(0).values()).isEmpty();
        assertThat(Corpus.decode(bytes, TicMode.HISTORIC).get(0).values()).hasSize(5);
    }

    @Test
    void horodatedLabelsNeedAValidHorodate() {
        byte[] bytes = new TicEncoder().startFrame()
                .standard("SMAXSN", null, "01024") // horodate missing
                .standard("SMAXSN-1", "H231301065253", "01024") // month 13
                .standard("CCASN", "X230301065253", "00170") // no such season
                .standard("SINSTS", "H230301065253", "00240") // not horodated
                .standard("UMOY1", "e230630120000", "229")
                .endFrame().toBytes();
        TicFrame f = Corpus.decode(bytes, null).get(0);
        assertThat(f.values()).containsOnlyKeys(TicLabel.UMOY1);
        assertThat(f.errors()).isEqualTo(4);
        Horodate h = f.horodate(TicLabel.UMOY1);
        assertThat(h.clockDegraded()).isTrue();
        assertThat(h.instant()).isEqualTo(Instant.parse("2023-06-30T10:00:00Z")); // E = UTC+2
    }

    @Test
    void seasonLettersGiveExactInstantsAcrossTheChanges() {
        // 2024-10-27: 02:59:59 summer time is followed by 02:00:00 winter time
        assertThat(Horodate.parse("E241027025959").instant()).isEqualTo(Instant.parse("2024-10-27T00:59:59Z"));
        assertThat(Horodate.parse("H241027020000").instant()).isEqualTo(Instant.parse("2024-10-27T01:00:00Z"));
        // 2024-03-31: 01:59:59 winter time is followed by 03:00:00 summer time
        assertThat(Horodate.parse("H240331015959").instant()).isEqualTo(Instant.parse("2024-03-31T00:59:59Z"));
        assertThat(Horodate.parse("E240331030000").instant()).isEqualTo(Instant.parse("2024-03-31T01:00:00Z"));
    }

    @Test
    void statusRegisterFields() {
        StatusRegister s = StatusRegister.parse("F5000F8A");
        assertThat(s.dryContactOpen()).isFalse();
        assertThat(s.cutOffDevice()).isEqualTo(StatusRegister.CutOffState.OPEN_OVERHEAT_ABOVE_IMAX);
        assertThat(s.referencePowerExceeded()).isTrue();
        assertThat(s.producer()).isTrue();
        assertThat(s.activeEnergyNegative()).isTrue();
        assertThat(s.supplierIndex()).isEqualTo(4);
        assertThat(s.distributorIndex()).isEqualTo(1);
        assertThat(s.tempoToday()).isEqualTo(StatusRegister.TempoColour.BLUE);
        assertThat(s.tempoTomorrow()).isEqualTo(StatusRegister.TempoColour.BLUE);
        assertThat(s.mobilePeakNotice()).isEqualTo(3);
        assertThat(s.mobilePeakInProgress()).isEqualTo(3);
    }

    @Test
    void shortThreePhaseFramesAndOverloadLabels() {
        byte[] bytes = new TicEncoder().startFrame().historic("ADIR1", "031").historic("ADCO", "021528603314")
                .historic("IINST1", "031").historic("IINST2", "004").historic("IINST3", "002").endFrame().toBytes();
        TicFrame f = Corpus.decode(bytes, null).get(0);
        assertThat(f.errors()).isZero();
        assertThat(f.currents()).containsExactly(31, 4, 2);
        assertThat(f.threePhase()).isTrue();
    }

    @Test
    void periodsAreNormalised() {
        assertThat(TariffPeriod.fromPtec("TH..")).isEqualTo("BASE");
        assertThat(TariffPeriod.fromPtec("HC..")).isEqualTo("HC");
        assertThat(TariffPeriod.fromPtec("PM..")).isEqualTo("PM");
        assertThat(TariffPeriod.fromPtec("HPJR")).isEqualTo("HPJR");
        assertThat(TariffPeriod.fromNtarf("10")).isEqualTo("T10");
        assertThat(TariffPeriod.registerOf("HC")).isEqualTo("HCHC");
        assertThat(TariffPeriod.registerOf("HPJW")).isEqualTo("BBRHPJW");
        assertThat(TariffPeriod.registerOf("T3")).isEqualTo("EASF03");
        assertThat(TariffPeriod.periodOfRegister("EASF10")).isEqualTo("T10");
        assertThat(TariffPeriod.periodOfRegister("EJPHPM")).isEqualTo("PM");
    }
}
