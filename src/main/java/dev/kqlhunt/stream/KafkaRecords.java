package dev.kqlhunt.stream;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.kqlhunt.events.RawRecord;

import java.nio.charset.StandardCharsets;

/**
 * Turns each Kafka record into a {@link RawRecord} named {@code kafka:<topic>/<partition>} with
 * the offset as its line, so that rejections point at the record to fetch again.
 */
final class KafkaRecords implements KafkaRecordDeserializationSchema<RawRecord> {

    private static final long serialVersionUID = 1L;

    static String fileName(String topic, int partition) {
        return "kafka:" + topic + "/" + partition;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        String file = fileName(record.topic(), record.partition());
        byte[] value = record.value();
        if (value == null) {
            out.collect(RawRecord.failure(file, record.offset(), "", "record has no value"));
            return;
        }
        // Invalid UTF-8 is decoded as U+FFFD, as the export file reader does.
        out.collect(
                RawRecord.line(file, record.offset(), new String(value, StandardCharsets.UTF_8)));
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
