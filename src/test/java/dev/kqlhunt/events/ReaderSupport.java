package dev.kqlhunt.events;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.fs.Path;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** Drives an {@link ExportFileFormat} reader the way the file source does, without a cluster. */
final class ReaderSupport {

    private ReaderSupport() {}

    static List<RawRecord> readAll(ExportFileFormat format, File file) throws Exception {
        return readFrom(format, file, null);
    }

    /** Reads {@code file}, restoring at {@code position} if it is not null. */
    static List<RawRecord> readFrom(ExportFileFormat format, File file, CheckpointedPosition position)
            throws Exception {
        FileSourceSplit split =
                new FileSourceSplit("0", new Path(file.toURI()), 0, file.length(), 0, file.length());
        BulkFormat.Reader<RawRecord> reader =
                position == null
                        ? format.createReader(new Configuration(), split)
                        : format.restoreReader(
                                new Configuration(), split.updateWithCheckpointedPosition(position));
        List<RawRecord> records = new ArrayList<>();
        try (reader) {
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
}
