package dev.kqlhunt.events;

import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.types.Row;

import java.nio.file.Path;
import java.util.List;

/** Entry points that turn export files into {@code Event} rows and rejections. */
public final class EventArchive {

    private EventArchive() {}

    /** Event rows, typed as {@link EventSchema#rowType()}, and the records that were rejected. */
    public record Parsed(SingleOutputStreamOperator<Row> rows, DataStream<Rejection> rejections) {}

    /** Creates a bounded source of the records of {@code files}, such as those of {@link
     * ArchiveFiles#discover}. */
    public static FileSource<RawRecord> source(List<Path> files) {
        return source(files, new ExportFileFormat());
    }

    /** Creates a bounded source of the records of {@code files}, read with {@code format}. */
    public static FileSource<RawRecord> source(List<Path> files, ExportFileFormat format) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no input files to read");
        }
        org.apache.flink.core.fs.Path[] paths =
                files.stream()
                        .map(p -> new org.apache.flink.core.fs.Path(p.toAbsolutePath().toUri()))
                        .toArray(org.apache.flink.core.fs.Path[]::new);
        return FileSource.forBulkFileFormat(format, paths)
                .setFileEnumerator(ListedFileEnumerator::new)
                .build();
    }

    /** Parses {@code records} into Event rows, with rejections as a side output. */
    public static Parsed parse(DataStream<RawRecord> records) {
        return parse(records, null);
    }

    /**
     * Parses {@code records} into Event rows, with rejections as a side output, skipping the
     * records that {@code prefilter} rules out; null parses every record.
     */
    public static Parsed parse(DataStream<RawRecord> records, LinePrefilter prefilter) {
        SingleOutputStreamOperator<Row> rows =
                records.process(new ParseEvents(prefilter), ParseEvents.ROW_TYPE)
                        .name("Parse Event rows");
        return new Parsed(rows, rows.getSideOutput(ParseEvents.REJECTIONS));
    }
}
