package dev.kqlhunt.events;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;

import java.io.IOException;

/**
 * Reads Log Analytics export files as {@link RawRecord}s for a {@code FileSource}.
 *
 * <p>A file is either JSON lines or one JSON array (the portal export). A {@code .jsonl} or
 * {@code .ndjson} file is always JSON lines; in any other, a first non-whitespace byte {@code [}
 * starts an array. Files whose name ends in {@code .gz} are
 * decompressed. A UTF-8 byte order mark is skipped, {@code \r\n} line ends are accepted, blank
 * lines are skipped, and invalid UTF-8 is decoded as U+FFFD.
 *
 * <p>Nothing is dropped silently. A line longer than the maximum becomes a failure record for
 * that line, read past without being held in memory. A read error, such as a truncated or corrupt
 * gzip stream, keeps the records before it and adds one failure record. A file that cannot be
 * opened gives one failure record at line 1.
 *
 * <p>Each file is one split. A checkpoint stores the number of records already emitted, and a
 * restored reader reads the file again from its start and skips them, so restore cost grows with
 * the records already read.
 */
public final class ExportFileFormat implements BulkFormat<RawRecord, FileSourceSplit> {

    private static final long serialVersionUID = 1L;

    /** Default maximum length of a line, and of an array element, in bytes: 1 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

    private final int maxLineBytes;

    public ExportFileFormat() {
        this(DEFAULT_MAX_LINE_BYTES);
    }

    /**
     * @param maxLineBytes longest line kept, in bytes, and longest array element, in characters
     */
    public ExportFileFormat(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException(
                    "maxLineBytes must be at least 1, got " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    public int maxLineBytes() {
        return maxLineBytes;
    }

    @Override
    public Reader<RawRecord> createReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return restoreReader(config, split);
    }

    @Override
    public Reader<RawRecord> restoreReader(Configuration config, FileSourceSplit split)
            throws IOException {
        long skip =
                split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
        return new ExportFileReader(split.path(), maxLineBytes, skip);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
