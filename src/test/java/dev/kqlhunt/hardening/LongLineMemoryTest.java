package dev.kqlhunt.hardening;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.RecordAndPosition;

import dev.kqlhunt.events.ExportFileFormat;
import dev.kqlhunt.events.RawRecord;
import dev.kqlhunt.events.RejectionCategory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads a 100 MB line with the default 1 MiB limit and measures the bytes the reading thread
 * allocates. Holding the line, or any copy of it, would allocate at least 100 MB. The reader
 * keeps at most the limit plus one byte, so it allocates a few MB.
 */
class LongLineMemoryTest {

    private static final long LINE_BYTES = 100L * 1024 * 1024;

    /** Upper bound on what reading may allocate: the line buffer grows by doubling to 2 MiB. */
    private static final long MAX_ALLOCATED_BYTES = 16L * 1024 * 1024;

    @TempDir Path temp;

    @Test
    void hundredMegabyteLineIsRejectedInBoundedMemory() throws IOException {
        Path file = temp.resolve("long.jsonl");
        writeLongLineFile(file);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        // Loads Flink's file system and the reader's classes, which allocates a few MB once.
        readAll(new ExportFileFormat(), RuleCases.write(temp.resolve("warm-up.jsonl"), "{}"));

        long before = threads.getThreadAllocatedBytes(thread);
        List<RawRecord> records = readAll(new ExportFileFormat(), file);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(allocated).as("bytes allocated while reading").isLessThan(MAX_ALLOCATED_BYTES);
        assertThat(records).hasSize(2);
        RawRecord failure = records.get(0);
        assertThat(failure.line()).isEqualTo(1);
        assertThat(failure.failureCategory()).isEqualTo(RejectionCategory.LINE_TOO_LONG);
        assertThat(failure.failure()).isEqualTo("line is longer than the maximum of 1048576 bytes");
        assertThat(failure.text()).startsWith("{\"Message\":\"xxxx");
        assertThat(records.get(1)).isEqualTo(RawRecord.line(uri(file), 2, RuleCases.AFTER));
    }

    private static void writeLongLineFile(Path file) throws IOException {
        byte[] chunk = new byte[1024 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("{\"Message\":\"".getBytes(StandardCharsets.UTF_8));
            for (long written = 0; written < LINE_BYTES; written += chunk.length) {
                out.write(chunk);
            }
            out.write("\"}\n".getBytes(StandardCharsets.UTF_8));
            out.write((RuleCases.AFTER + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Reads every record of {@code file} the way Flink's file source drives the format. */
    private static List<RawRecord> readAll(ExportFileFormat format, Path file) throws IOException {
        long size = Files.size(file);
        FileSourceSplit split =
                new FileSourceSplit(
                        "0", new org.apache.flink.core.fs.Path(file.toUri()), 0, size, 0, size);
        List<RawRecord> records = new ArrayList<>();
        try (BulkFormat.Reader<RawRecord> reader =
                format.createReader(new Configuration(), split)) {
            for (BulkFormat.RecordIterator<RawRecord> batch = reader.readBatch();
                    batch != null;
                    batch = reader.readBatch()) {
                for (RecordAndPosition<RawRecord> next = batch.next();
                        next != null;
                        next = batch.next()) {
                    records.add(next.getRecord());
                }
                batch.releaseBatch();
            }
        }
        return records;
    }

    private static String uri(Path file) {
        return new org.apache.flink.core.fs.Path(file.toUri()).toString();
    }
}
