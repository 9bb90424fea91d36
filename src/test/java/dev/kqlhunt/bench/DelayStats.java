package dev.kqlhunt.bench;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * Delays from each match's record reaching Kafka to the match being seen in the output, in
 * milliseconds, with nearest-rank percentiles.
 *
 * @param missing matches with an append time but never seen in the output
 */
record DelayStats(long[] sortedMillis, long missing) {

    /** Pairs each start time with the end time of the same match. */
    static DelayStats of(Map<Instant, Long> startMillis, Map<Instant, Long> endMillis) {
        long[] delays = new long[startMillis.size()];
        int count = 0;
        long missing = 0;
        for (Map.Entry<Instant, Long> start : startMillis.entrySet()) {
            Long end = endMillis.get(start.getKey());
            if (end == null) {
                missing++;
            } else {
                delays[count++] = end - start.getValue();
            }
        }
        long[] sorted = Arrays.copyOf(delays, count);
        Arrays.sort(sorted);
        return new DelayStats(sorted, missing);
    }

    int count() {
        return sortedMillis.length;
    }

    /** Returns the nearest-rank percentile {@code p} (0 to 100), or -1 without samples. */
    long percentile(double p) {
        if (sortedMillis.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100 * sortedMillis.length);
        return sortedMillis[Math.max(0, rank - 1)];
    }

    long max() {
        return percentile(100);
    }
}
