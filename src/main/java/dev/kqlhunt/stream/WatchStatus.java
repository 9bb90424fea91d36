package dev.kqlhunt.stream;

import dev.kqlhunt.job.HuntCounters;
import dev.kqlhunt.output.KqlTime;
import dev.kqlhunt.output.Terminal;
import dev.kqlhunt.rule.Rule;

import java.util.List;
import java.util.Map;

/**
 * The counters of a running {@code watch} job, read from its accumulators.
 *
 * <p>Accumulators are not part of checkpoints: after a restore, the counters start again from
 * zero, while the outputs continue where the checkpoint left them.
 *
 * @param skipped records that the prefilter skipped without reading their columns, included in
 *     {@code recordsRead}
 * @param watermark epoch milliseconds, or {@link Long#MIN_VALUE} before the first watermark
 */
public record WatchStatus(
        long recordsRead,
        long skipped,
        long matches,
        long alerts,
        long late,
        long rejected,
        long watermark) {

    public static WatchStatus of(Map<String, Object> accumulators, List<Rule> rules) {
        long matches = 0;
        for (Rule rule : rules) {
            matches += counter(accumulators, HuntCounters.matches(rule.folder()));
        }
        Object watermark = accumulators.get(WatchCounters.WATERMARK);
        return new WatchStatus(
                counter(accumulators, HuntCounters.RECORDS_READ),
                counter(accumulators, HuntCounters.RECORDS_SKIPPED),
                matches,
                counter(accumulators, WatchCounters.ALERTS),
                counter(accumulators, WatchCounters.LATE_RESULTS),
                counter(accumulators, HuntCounters.RECORDS_REJECTED),
                watermark instanceof Number number ? number.longValue() : Long.MIN_VALUE);
    }

    private static long counter(Map<String, Object> accumulators, String name) {
        Object value = accumulators.get(name);
        return value instanceof Number number ? number.longValue() : 0L;
    }

    /** Renders the one-line console status, safe to print. */
    public String line() {
        String time =
                watermark == Long.MIN_VALUE || watermark == Long.MAX_VALUE
                        ? (watermark == Long.MAX_VALUE ? "end of input" : "none yet")
                        : KqlTime.formatInstant(watermark);
        return Terminal.safe(
                "watch: " + recordsRead + " records read, " + skipped
                        + " skipped by the prefilter, " + matches + " matches, " + alerts
                        + " alerts, " + late + " late, " + rejected + " rejected, watermark "
                        + time);
    }
}
