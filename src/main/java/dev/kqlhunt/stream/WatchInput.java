package dev.kqlhunt.stream;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/** Where {@code watch} reads export records from: a Kafka topic or a watched directory. */
public sealed interface WatchInput {

    /** Where a Kafka source starts when the job does not resume from a checkpoint or savepoint. */
    enum StartOffsets {
        /** The earliest offset still in each partition. */
        EARLIEST,
        /** The end of each partition: only records produced after the start. */
        LATEST,
        /** The group's committed offsets, or the earliest offset where the group has none. */
        COMMITTED
    }

    /**
     * A Kafka topic whose record values are export records: one JSON object, or the Event Hubs
     * {@code {"records": [...]}} shape, per Kafka record.
     *
     * @param clientProperties extra Kafka consumer and producer properties, such as the SASL
     *     settings of the Event Hubs Kafka endpoint; never logged
     */
    record Kafka(
            String bootstrapServers,
            String topic,
            String groupId,
            StartOffsets start,
            Properties clientProperties)
            implements WatchInput {

        public Kafka {
            Properties copy = new Properties();
            copy.putAll(clientProperties);
            clientProperties = copy;
        }
    }

    /**
     * A directory that keeps receiving export files. It is listed every {@code monitorInterval}.
     * A file is read once, and names starting with {@code .} or {@code _} are skipped, so a writer
     * should write elsewhere (or under such a name) and then move the file in.
     */
    record Directory(Path directory, Duration monitorInterval) implements WatchInput {}
}
