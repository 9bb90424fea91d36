package dev.kqlhunt.events;

import org.apache.flink.connector.file.src.util.CheckpointedPosition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ExportFileFormatTest {

    @TempDir Path dir;

    private File write(String name, byte[] content) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file.toFile();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    private static List<RawRecord> read(File file) throws Exception {
        return ReaderSupport.readAll(new ExportFileFormat(), file);
    }

    private static String uri(File file) {
        return new org.apache.flink.core.fs.Path(file.toURI()).toString();
    }

    @Test
    void jsonLinesSkipBomCrlfAndBlankLines() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = utf8("{\"a\":1}\r\n\r\n   \n{\"b\":2}\r\n{\"c\":3}");
        File file = write("a.jsonl", concat(bom, body));
        String name = uri(file);

        assertThat(read(file))
                .containsExactly(
                        RawRecord.line(name, 1, "{\"a\":1}"),
                        RawRecord.line(name, 4, "{\"b\":2}"),
                        RawRecord.line(name, 5, "{\"c\":3}"));
    }

    @Test
    void leadingBlankLinesKeepLineNumbers() throws Exception {
        File file = write("a.json", utf8("\n\n  {\"a\":1}\n"));

        assertThat(read(file)).containsExactly(RawRecord.line(uri(file), 3, "{\"a\":1}"));
    }

    @Test
    void invalidUtf8BecomesReplacementCharacter() throws Exception {
        byte[] line = concat(utf8("{\"a\":\""), new byte[] {(byte) 0xC3, (byte) 0x28}, utf8("\"}"));
        File file = write("a.jsonl", line);

        assertThat(read(file)).extracting(RawRecord::text).containsExactly("{\"a\":\"\uFFFD(\"}");
    }

    @Test
    void tooLongLineBecomesFailureAndReadingGoesOn() throws Exception {
        String longLine = "{\"a\":\"" + "x".repeat(5000) + "\"}";
        File file = write("a.jsonl", utf8("{\"a\":1}\n" + longLine + "\n{\"b\":2}\n"));
        String name = uri(file);

        List<RawRecord> records = ReaderSupport.readAll(new ExportFileFormat(100), file);

        assertThat(records)
                .containsExactly(
                        RawRecord.line(name, 1, "{\"a\":1}"),
                        RawRecord.tooLong(
                                name,
                                2,
                                longLine.substring(0, 100),
                                "line is longer than the maximum of 100 bytes"),
                        RawRecord.line(name, 3, "{\"b\":2}"));
    }

    @Test
    void lineAtMaximumWithCrlfIsKept() throws Exception {
        String line = "{\"a\":\"" + "x".repeat(92) + "\"}";
        File file = write("a.jsonl", utf8(line + "\r\n"));

        List<RawRecord> records = ReaderSupport.readAll(new ExportFileFormat(100), file);

        assertThat(line).hasSize(100);
        assertThat(records).containsExactly(RawRecord.line(uri(file), 1, line));
    }

    @Test
    void gzipIsDecompressed() throws Exception {
        File file = write("PT05M.json.gz", gzip(utf8("{\"a\":1}\n{\"b\":2}\n")));

        assertThat(read(file)).extracting(RawRecord::text).containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void truncatedGzipKeepsLinesBeforeDamage() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 2000; i++) {
            text.append("{\"n\":").append(i).append(",\"pad\":\"").append(i * 7919L).append("\"}\n");
        }
        byte[] whole = gzip(utf8(text.toString()));
        File file = write("PT1H.json.gz", Arrays.copyOf(whole, whole.length / 2));

        List<RawRecord> records = read(file);

        RawRecord last = records.get(records.size() - 1);
        List<RawRecord> lines = records.subList(0, records.size() - 1);
        assertThat(lines).isNotEmpty();
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i).line()).isEqualTo(i + 1);
            assertThat(lines.get(i).failure()).isNull();
        }
        assertThat(last.line()).isEqualTo(lines.size() + 1);
        assertThat(last.failure())
                .isEqualTo(
                        "file is truncated after "
                                + lines.size()
                                + " complete lines (Unexpected end of ZLIB input stream)");
    }

    @Test
    void notGzipIsOneFailure() throws Exception {
        File file = write("a.json.gz", utf8("{\"a\":1}\n"));

        assertThat(read(file))
                .containsExactly(
                        RawRecord.failure(
                                uri(file), 1, "", "not a readable gzip file: Not in GZIP format"));
    }

    @Test
    void vanishedFileIsOneFailure() throws Exception {
        File file = write("gone.json", utf8("{}\n"));
        Files.delete(file.toPath());

        List<RawRecord> records = read(file);

        assertThat(records).hasSize(1);
        assertThat(records.get(0).line()).isEqualTo(1);
        assertThat(records.get(0).failure()).startsWith("file not found: it was removed");
    }

    @Test
    void jsonArrayStreamsElementsWithStartLines() throws Exception {
        String text = "\uFEFF\n[\n  {\"a\": 1.50,\n   \"b\": [true, null]},\n  {\"c\": \"x\"}, 7\n]\n";
        File file = write("export.json", utf8(text));
        String name = uri(file);

        assertThat(read(file))
                .containsExactly(
                        RawRecord.line(name, 3, "{\"a\":1.50,\"b\":[true,null]}"),
                        RawRecord.line(name, 5, "{\"c\":\"x\"}"),
                        RawRecord.line(name, 5, "7"));
    }

    @Test
    void jsonlStartingWithArrayReadAsLines() throws Exception {
        for (String name : List.of("a.jsonl", "a.ndjson")) {
            File file = write(name, utf8("[1, 2]\n{\"a\":1}\n{\"b\":2}\n"));
            String uri = uri(file);

            assertThat(read(file))
                    .containsExactly(
                            RawRecord.line(uri, 1, "[1, 2]"),
                            RawRecord.line(uri, 2, "{\"a\":1}"),
                            RawRecord.line(uri, 3, "{\"b\":2}"));
        }
        File gz = write("b.jsonl.gz", gzip(utf8("[]\n{\"a\":1}\n")));
        assertThat(read(gz)).hasSize(2);
    }

    @Test
    void jsonArrayWithSyntaxErrorEndsWithFailure() throws Exception {
        File file = write("export.json", utf8("[{\"a\":1},\n{\"b\" 2}]"));
        String name = uri(file);

        List<RawRecord> records = read(file);

        assertThat(records).hasSize(2);
        assertThat(records.get(0)).isEqualTo(RawRecord.line(name, 1, "{\"a\":1}"));
        assertThat(records.get(1).line()).isEqualTo(2);
        assertThat(records.get(1).failure())
                .startsWith("invalid JSON in the array after 1 complete elements: Unexpected");
    }

    @Test
    void truncatedJsonArrayEndsWithFailure() throws Exception {
        File file = write("export.json", utf8("[{\"a\":1},\n{\"b\":"));

        List<RawRecord> records = read(file);

        assertThat(records).extracting(RawRecord::failure)
                .containsExactly(
                        null, "file is truncated inside the JSON array after 1 complete elements");
    }

    @Test
    void tooLongArrayElementIsFailureAndReadingGoesOn() throws Exception {
        String big = "{\"a\":\"" + "x".repeat(500) + "\"}";
        File file = write("export.json", utf8("[" + big + ",\n{\"b\":2}]"));
        String name = uri(file);

        List<RawRecord> records = ReaderSupport.readAll(new ExportFileFormat(100), file);

        assertThat(records)
                .containsExactly(
                        RawRecord.tooLong(
                                name,
                                1,
                                big.substring(0, 100),
                                "array element is longer than the maximum of 100 characters"),
                        RawRecord.line(name, 2, "{\"b\":2}"));
    }

    @Test
    void restoreSkipsRecordsAlreadyEmitted() throws Exception {
        File lines = write("a.jsonl", utf8("{\"a\":1}\n\n{\"b\":2}\n{\"c\":3}\n"));
        File array = write("b.json", utf8("[{\"a\":1},{\"b\":2},{\"c\":3}]"));
        CheckpointedPosition afterTwo = new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 2);

        List<RawRecord> fromLines = ReaderSupport.readFrom(new ExportFileFormat(), lines, afterTwo);
        List<RawRecord> fromArray = ReaderSupport.readFrom(new ExportFileFormat(), array, afterTwo);

        assertThat(fromLines).containsExactly(RawRecord.line(uri(lines), 4, "{\"c\":3}"));
        assertThat(fromArray).containsExactly(RawRecord.line(uri(array), 1, "{\"c\":3}"));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
