package dev.kqlhunt.events;

import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;
import org.apache.flink.core.fs.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads the records of one export file in batches; see {@link ExportFileFormat}. */
final class ExportFileReader implements BulkFormat.Reader<RawRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(ExportFileReader.class);

    private static final int BATCH_RECORDS = 256;
    private static final int GZIP_BUFFER_BYTES = 64 * 1024;

    private final String file;
    private RecordSource source;
    private RawRecord openFailure;
    private long emitted;
    private boolean finished;

    ExportFileReader(Path path, int maxLineBytes, long recordsToSkip) {
        this.file = path.toString();
        if (ReadFailures.isFolder(path)) {
            // The listing hands over a folder only when it could not list it: line 0 marks a
            // rejection that is not about a line.
            openFailure = RawRecord.failure(file, 0, "", ReadFailures.describeFolder(path));
        } else {
            try {
                source = open(path, file, maxLineBytes);
            } catch (IOException e) {
                openFailure = RawRecord.failure(file, 1, "", ReadFailures.describeOpen(e, path));
            }
        }
        skip(recordsToSkip);
    }

    /**
     * Opens {@code path}, decompressing it if its name ends in .gz, and detects its layout: a
     * {@code .jsonl} or {@code .ndjson} file is JSON lines, any other is one JSON array when its
     * first non-whitespace byte is {@code [}.
     */
    static RecordSource open(Path path, String file, int maxLineBytes) throws IOException {
        InputStream raw = path.getFileSystem().open(path);
        try {
            InputStream in =
                    path.getName().endsWith(".gz")
                            ? new GZIPInputStream(raw, GZIP_BUFFER_BYTES)
                            : raw;
            ByteInput input = new ByteInput(in);
            input.skipByteOrderMark();
            long newlines = 0;
            int next = input.peek();
            while (next == ' ' || next == '\t' || next == '\r' || next == '\n') {
                input.read();
                if (next == '\n') {
                    newlines++;
                }
                next = input.peek();
            }
            if (next == '[' && !isJsonLinesName(path.getName())) {
                return new JsonArraySource(file, input, maxLineBytes, newlines);
            }
            return new JsonLinesSource(file, input, maxLineBytes, newlines);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Returns whether the name marks JSON lines, where a line with an array is a bad record. */
    private static boolean isJsonLinesName(String name) {
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        return base.endsWith(".jsonl") || base.endsWith(".ndjson");
    }

    private void skip(long count) {
        for (long i = 0; i < count; i++) {
            if (nextRecord() == null) {
                return;
            }
        }
    }

    private RawRecord nextRecord() {
        if (openFailure != null) {
            RawRecord failure = openFailure;
            openFailure = null;
            finished = true;
            emitted++;
            return failure;
        }
        if (finished || source == null) {
            return null;
        }
        RawRecord record = source.next();
        if (record == null) {
            finished = true;
        } else {
            emitted++;
        }
        return record;
    }

    @Override
    public BulkFormat.RecordIterator<RawRecord> readBatch() {
        long before = emitted;
        List<RawRecord> batch = new ArrayList<>(BATCH_RECORDS);
        while (batch.size() < BATCH_RECORDS) {
            RawRecord record = nextRecord();
            if (record == null) {
                break;
            }
            batch.add(record);
        }
        if (batch.isEmpty()) {
            return null;
        }
        return new IteratorResultIterator<>(
                batch.iterator(), CheckpointedPosition.NO_OFFSET, before);
    }

    @Override
    public void close() throws IOException {
        if (source != null) {
            LOG.debug(
                    "Closed {} after {} records and {} blank lines",
                    file,
                    emitted,
                    source.blankLines());
            source.close();
        }
    }
}
