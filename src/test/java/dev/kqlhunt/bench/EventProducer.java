package dev.kqlhunt.bench;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the records of an {@link EventFeed} to a Kafka topic, either as fast as possible or at a
 * fixed rate, and records which of them are rule matches.
 *
 * <p>For the matches of a paced run it also records the record's timestamp as the broker acked
 * it. The benchmark's topic uses {@code message.timestamp.type=LogAppendTime}, so that timestamp
 * is the time the broker appended the record's batch to its log.
 */
final class EventProducer implements AutoCloseable {

    /** What a paced run sent, and when it sent the last record, in {@link System#nanoTime()}. */
    record PacedRun(long records, long nanos, long maxBehind, long endNanos) {
        double recordsPerSecond() {
            return records / (nanos / 1e9);
        }
    }

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final EventFeed feed;
    private final Map<Instant, Integer> expectedMatches = new HashMap<>();
    private final Map<Instant, Long> appendTimes = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    EventProducer(String bootstrapServers, String topic, EventFeed feed) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 << 10));
        this.producer =
                new KafkaProducer<>(
                        properties, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.feed = feed;
    }

    /** Sends {@code count} records as fast as the producer accepts them and waits for the acks. */
    void sendAll(long count) {
        for (long i = 0; i < count; i++) {
            send(false);
        }
        producer.flush();
        checkDelivered();
    }

    /**
     * Sends records at {@code rate} per second for {@code duration}, recording the append time of
     * each match, and waits for the acks. {@code maxBehind} is the largest number of records the
     * run was behind its schedule, which stays near zero while the generator and the producer keep
     * up with the rate.
     */
    PacedRun sendAtRate(double rate, Duration duration) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long records = 0;
        long maxBehind = 0;
        long now;
        while ((now = System.nanoTime()) < end) {
            long due = (long) ((now - start) / 1e9 * rate);
            maxBehind = Math.max(maxBehind, due - records);
            while (records < due) {
                send(true);
                records++;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        long endNanos = System.nanoTime();
        producer.flush();
        checkDelivered();
        return new PacedRun(records, endNanos - start, maxBehind, endNanos);
    }

    private void send(boolean recordAppendTime) {
        EventFeed.Record record = feed.next();
        Callback callback;
        if (record.matches()) {
            expectedMatches.merge(record.timeGenerated(), 1, Integer::sum);
            Instant key = record.timeGenerated();
            callback =
                    (metadata, exception) -> {
                        if (exception != null) {
                            fail(exception);
                        } else if (recordAppendTime) {
                            appendTimes.put(key, metadata.timestamp());
                        }
                    };
        } else {
            callback =
                    (metadata, exception) -> {
                        if (exception != null) {
                            fail(exception);
                        }
                    };
        }
        producer.send(new ProducerRecord<>(topic, record.value()), callback);
        sent.incrementAndGet();
    }

    private void fail(Exception exception) {
        failures.incrementAndGet();
        firstFailure.compareAndSet(null, exception);
    }

    private void checkDelivered() {
        if (failures.get() > 0) {
            throw new IllegalStateException(
                    failures.get() + " records could not be sent to " + topic,
                    firstFailure.get());
        }
    }

    /** Returns the number of records handed to the producer so far, from any thread. */
    long sent() {
        return sent.get();
    }

    /** Returns how often each expected match was sent, keyed by its {@code TimeGenerated}. */
    Map<Instant, Integer> expectedMatches() {
        return Map.copyOf(expectedMatches);
    }

    long expectedMatchCount() {
        return expectedMatches.values().stream().mapToLong(Integer::longValue).sum();
    }

    /** Returns the broker's append time of each match of the paced runs, in epoch milliseconds. */
    Map<Instant, Long> appendTimes() {
        return Map.copyOf(appendTimes);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
