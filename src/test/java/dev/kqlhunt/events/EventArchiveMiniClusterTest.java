package dev.kqlhunt.events;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads an export directory tree through the real file source on a MiniCluster. */
class EventArchiveMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path dir;

    private static String event(int id, String time) {
        return "{\"TimeGenerated\":\"" + time + "\",\"EventID\":" + id + ",\"Computer\":\"dc1\"}";
    }

    private Path write(String relative, byte[] content) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return file;
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void readsTreeIntoRowsAndRejections() throws Exception {
        String hour10 = "y=2021/m=03/d=02/h=10/m=00/";
        String hour11 = "y=2021/m=03/d=02/h=11/m=00/";
        Path jsonl =
                write(
                        hour10 + "PT05M.json",
                        (event(1, "2021-03-02T10:01:00Z")
                                        + "\n\n{\"TimeGenerated\":\"2021-03-02T10:02:00Z\","
                                        + "\"EventID\":\"abc\"}\n"
                                        + event(2, "2021-03-02T10:03:00.1234567Z")
                                        + "\n")
                                .getBytes(StandardCharsets.UTF_8));
        Path gz = write(hour11 + "PT05M.json.gz", gzip(event(3, "2021-03-02T11:00:00Z") + "\n"));
        Path array =
                write(
                        "portal/export.json",
                        ("[\n" + event(4, "2021-03-02T12:00:00Z") + ",\n"
                                        + "{\"TimeGenerated [UTC]\":\"3/2/2021, 1:00:00.000 PM\","
                                        + "\"EventID\":5}\n]\n")
                                .getBytes(StandardCharsets.UTF_8));
        StringBuilder many = new StringBuilder();
        for (int i = 100; i < 3000; i++) {
            many.append(event(i, "2021-03-02T11:30:00Z")).append('\n');
        }
        byte[] whole = gzip(many.toString());
        Path truncated =
                write(hour11 + "PT05M_1.json.gz", Arrays.copyOf(whole, whole.length / 2));
        write(hour11 + "_SUCCESS", new byte[0]);

        ArchiveFiles.Discovery found = ArchiveFiles.discover(List.of(dir), null, null);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(2);
        DataStream<RawRecord> records =
                env.fromSource(
                        EventArchive.source(found.files()),
                        WatermarkStrategy.noWatermarks(),
                        "Event export");
        EventArchive.Parsed parsed = EventArchive.parse(records);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        assertThat(tables.fromDataStream(parsed.rows()).getResolvedSchema().toPhysicalRowDataType())
                .isEqualTo(EventSchema.rowType());
        List<Row> rows = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        List<RawRecord> raw = new ArrayList<>();
        try (CloseableIterator<Row> rowIt = parsed.rows().collectAsync();
                CloseableIterator<Rejection> rejectionIt = parsed.rejections().collectAsync();
                CloseableIterator<RawRecord> rawIt = records.collectAsync()) {
            env.execute("read export tree");
            rowIt.forEachRemaining(rows::add);
            rejectionIt.forEachRemaining(rejections::add);
            rawIt.forEachRemaining(raw::add);
        }

        assertThat(found.files()).containsExactly(array, jsonl, gz, truncated);
        assertThat(raw).hasSize(rows.size() + rejections.size());
        rows.sort(Comparator.comparing(r -> (Integer) r.getField(10)));
        int goodTruncatedLines = rows.size() - 5;
        assertThat(goodTruncatedLines).isPositive();
        assertThat(rows.subList(0, 5))
                .extracting(r -> r.getField(10), r -> r.getField(2), r -> r.getField(5))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                1, LocalDateTime.parse("2021-03-02T10:01:00"), "dc1"),
                        org.assertj.core.groups.Tuple.tuple(
                                2, LocalDateTime.parse("2021-03-02T10:03:00.1234567"), "dc1"),
                        org.assertj.core.groups.Tuple.tuple(
                                3, LocalDateTime.parse("2021-03-02T11:00"), "dc1"),
                        org.assertj.core.groups.Tuple.tuple(
                                4, LocalDateTime.parse("2021-03-02T12:00"), "dc1"),
                        org.assertj.core.groups.Tuple.tuple(
                                5, LocalDateTime.parse("2021-03-02T13:00"), ""));
        for (int i = 0; i < goodTruncatedLines; i++) {
            assertThat(rows.get(5 + i).getField(10)).isEqualTo(100 + i);
        }
        rejections.sort(Comparator.comparing(Rejection::file));
        assertThat(rejections).hasSize(2);
        assertThat(rejections.get(0))
                .isEqualTo(
                        new Rejection(
                                uri(jsonl),
                                3,
                                RejectionCategory.INVALID_VALUE,
                                "EventID: expected an int, found \"abc\"",
                                "{\"TimeGenerated\":\"2021-03-02T10:02:00Z\",\"EventID\":\"abc\"}"));
        assertThat(rejections.get(1).file()).isEqualTo(uri(truncated));
        assertThat(rejections.get(1).line()).isEqualTo(goodTruncatedLines + 1);
        assertThat(rejections.get(1).reason())
                .isEqualTo(
                        "file is truncated after "
                                + goodTruncatedLines
                                + " complete lines (Unexpected end of ZLIB input stream)");
    }

    private static String uri(Path file) {
        return new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri()).toString();
    }
}
