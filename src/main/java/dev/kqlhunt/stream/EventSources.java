package dev.kqlhunt.stream;

import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import dev.kqlhunt.events.ExportFileFormat;
import dev.kqlhunt.events.RawRecord;

/** Unbounded sources of export records for {@code watch}. */
final class EventSources {

    private EventSources() {}

    static Source<RawRecord, ?, ?> of(WatchInput input) {
        if (input instanceof WatchInput.Kafka kafka) {
            return kafka(kafka);
        }
        return directory((WatchInput.Directory) input);
    }

    /**
     * Reads the topic from {@code start} and commits the offsets of each completed checkpoint to
     * the group, which only {@link WatchInput.StartOffsets#COMMITTED} reads back: a job resumed
     * from a checkpoint or savepoint takes its offsets from there.
     */
    static KafkaSource<RawRecord> kafka(WatchInput.Kafka kafka) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(kafka.topic())
                .setGroupId(kafka.groupId())
                .setStartingOffsets(startingOffsets(kafka.start()))
                .setDeserializer(new KafkaRecords())
                .setProperties(kafka.clientProperties())
                .build();
    }

    // OffsetResetStrategy is deprecated in kafka-clients 4, but the connector's API still takes it.
    @SuppressWarnings("deprecation")
    private static OffsetsInitializer startingOffsets(WatchInput.StartOffsets start) {
        return switch (start) {
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }

    /**
     * Lists the directory tree every monitor interval and reads each new file once. The files
     * already read are part of the checkpoint, so a resumed job does not read them again. Files
     * are read in path order (see {@link PathOrderSplitAssigner}). The default filter skips names
     * that start with {@code .} or {@code _}.
     */
    static FileSource<RawRecord> directory(WatchInput.Directory directory) {
        return FileSource.forBulkFileFormat(
                        new ExportFileFormat(),
                        new org.apache.flink.core.fs.Path(
                                directory.directory().toAbsolutePath().toUri()))
                .setFileEnumerator(NonSplittingRecursiveEnumerator::new)
                .setSplitAssigner(PathOrderSplitAssigner::new)
                .monitorContinuously(directory.monitorInterval())
                .build();
    }
}
