package dev.kqlhunt.events;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads a real portal export of the Event table: a JSON array with "TimeGenerated [UTC]". */
class RealEventExportTest {

    private static final File EXPORT =
            new File("test-data/real-event-export/SemperisDirectoryServicesProtector.partial.json");

    @Test
    void allTwentyRecordsParse() throws Exception {
        List<RawRecord> records = ReaderSupport.readAll(new ExportFileFormat(), EXPORT);
        EventParser parser = new EventParser();
        List<Row> rows = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        for (RawRecord record : records) {
            EventParser.ParseResult result = parser.parse(record);
            rows.addAll(result.rows());
            rejections.addAll(result.rejections());
        }

        assertThat(records).hasSize(20);
        assertThat(rejections).isEmpty();
        assertThat(rows).hasSize(20);
        assertThat(records.get(0).line()).isEqualTo(2);
        assertThat(records.get(1).line()).isEqualTo(25);
        Row first = rows.get(0);
        assertThat(first.getField(0)).isEqualTo("cfb59d8d-0ec3-4e36-bb06-9dc063e99887");
        assertThat(first.getField(1)).isEqualTo("OpsManager");
        assertThat(first.getField(2)).isEqualTo(LocalDateTime.parse("2021-07-08T16:00:30.210"));
        assertThat(first.getField(3)).isEqualTo("Semperis-DSP-Security");
        assertThat(first.getField(4)).isEqualTo("Semperis-DSP-Security/Operational");
        assertThat(first.getField(5)).isEqualTo("dsp-ms.dsp.lab");
        assertThat(first.getField(6)).isEqualTo(4);
        assertThat(first.getField(7)).isEqualTo("Information");
        assertThat(first.getField(8))
                .isEqualTo("<Param>Recent privileged account creation activity (36)</Param>");
        assertThat((String) first.getField(9))
                .startsWith("<DataItem type=\"System.XmlData\" time=\"2021-07-08T16:00:30.2114299")
                .endsWith("activity (36)</Data></EventData></DataItem>");
        assertThat(first.getField(10)).isEqualTo(9205);
        assertThat(first.getField(11))
                .isEqualTo(
                        "Starting execution of security indicator Recent privileged account"
                                + " creation activity (36)");
        assertThat(first.getField(12)).isEqualTo("");
        assertThat(first.getField(13)).isEqualTo("");
        assertThat(first.getField(14)).isEqualTo(56329);
        assertThat(first.getField(15)).isEqualTo("NT AUTHORITY\\SYSTEM");
        assertThat(first.getField(16))
                .isEqualTo("LCID;1033\tLocale;ENU\tMessage;Starting execution of security"
                        + " indicator %1");
        assertThat(first.getField(17)).isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(first.getField(18)).isEqualTo("AOI-cfb59d8d-0ec3-4e36-bb06-9dc063e99887");
        assertThat(first.getField(19)).isEqualTo("Event");
        assertThat(first.getField(20)).isEqualTo("");
        assertThat(first.getField(21)).isEqualTo("");
        assertThat(first.getField(22)).isNull();
        assertThat(first.getField(23)).isEqualTo("");
        assertThat(rows.get(19).getField(2)).isNotNull();
    }
}
