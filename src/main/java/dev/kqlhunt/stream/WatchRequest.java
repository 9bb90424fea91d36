package dev.kqlhunt.stream;

import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.tuning.TuningFile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a continuous evaluation reads, how it closes windows and where it writes.
 *
 * @param maxDelay how far behind the latest {@code TimeGenerated} seen an event may arrive and
 *     still count for its window before the window closes
 * @param idleTimeout after this long without records, a source split no longer holds the
 *     watermark back
 * @param lateRetention how long after a window closed its state is kept to amend its alert
 * @param alertsKafka where alerts are also sent, or null
 * @param prefilter whether records that no rule can match may be skipped without reading their
 *     columns, as in a hunt; see {@link dev.kqlhunt.job.HuntPrefilter}
 * @param tuning each tuned rule's tuning file by rule folder; rules without one keep every result
 */
public record WatchRequest(
        List<Rule> rules,
        WatchInput input,
        Path out,
        Duration maxDelay,
        Duration idleTimeout,
        Duration lateRetention,
        AlertsTopic alertsKafka,
        boolean prefilter,
        Map<String, TuningFile> tuning) {

    /**
     * A Kafka topic for alerts.
     *
     * @param clientProperties extra Kafka producer properties, such as SASL settings
     * @param exactlyOnce write in Kafka transactions committed with each checkpoint, so consumers
     *     with {@code isolation.level=read_committed} see each alert once; otherwise at least once
     * @param transactionalIdPrefix prefix of the transactional ids, unique per running job
     */
    public record AlertsTopic(
            String bootstrapServers,
            String topic,
            java.util.Properties clientProperties,
            boolean exactlyOnce,
            String transactionalIdPrefix) {}

    public WatchRequest {
        rules = List.copyOf(rules);
        tuning = Map.copyOf(tuning);
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("--max-delay must not be negative: " + maxDelay);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("--idle-timeout must be positive: " + idleTimeout);
        }
        if (lateRetention.isNegative()) {
            throw new IllegalArgumentException(
                    "--late-retention must not be negative: " + lateRetention);
        }
    }

    /** Creates a request without tuning. */
    public WatchRequest(
            List<Rule> rules,
            WatchInput input,
            Path out,
            Duration maxDelay,
            Duration idleTimeout,
            Duration lateRetention,
            AlertsTopic alertsKafka,
            boolean prefilter) {
        this(rules, input, out, maxDelay, idleTimeout, lateRetention, alertsKafka, prefilter,
                Map.of());
    }

    /** Creates a request with the prefilter on and without tuning. */
    public WatchRequest(
            List<Rule> rules,
            WatchInput input,
            Path out,
            Duration maxDelay,
            Duration idleTimeout,
            Duration lateRetention,
            AlertsTopic alertsKafka) {
        this(rules, input, out, maxDelay, idleTimeout, lateRetention, alertsKafka, true);
    }

    /** Returns the rule's tuning file, if the evaluation applies one. */
    public Optional<TuningFile> tuning(Rule rule) {
        return Optional.ofNullable(tuning.get(rule.folder()));
    }

    public Path matchesDirectory(Rule rule) {
        return out.resolve("matches").resolve(rule.folder());
    }

    public Path alertsDirectory() {
        return out.resolve("alerts");
    }

    public Path rejectedDirectory() {
        return out.resolve("rejected");
    }
}
