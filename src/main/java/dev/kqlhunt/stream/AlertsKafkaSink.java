package dev.kqlhunt.stream;

import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

import java.time.Duration;
import java.util.Properties;

/** Sends alerts, one JSON object per Kafka record, to a topic. */
final class AlertsKafkaSink {

    /**
     * Kafka transaction timeout when the properties set none: the broker's default maximum
     * ({@code transaction.max.timeout.ms}, 15 minutes). The producer's own default of one minute
     * would abort a transaction whenever two checkpoints are more than a minute apart.
     */
    static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    private AlertsKafkaSink() {}

    static KafkaSink<String> of(WatchRequest.AlertsTopic alerts) {
        Properties producer = new Properties();
        producer.putAll(alerts.clientProperties());
        producer.putIfAbsent(
                "transaction.timeout.ms",
                Long.toString(DEFAULT_TRANSACTION_TIMEOUT.toMillis()));
        return KafkaSink.<String>builder()
                .setBootstrapServers(alerts.bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(
                        KafkaRecordSerializationSchema.builder()
                                .setTopic(alerts.topic())
                                .setValueSerializationSchema(new SimpleStringSchema())
                                .build())
                .setDeliveryGuarantee(
                        alerts.exactlyOnce()
                                ? DeliveryGuarantee.EXACTLY_ONCE
                                : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(alerts.transactionalIdPrefix())
                .build();
    }
}
