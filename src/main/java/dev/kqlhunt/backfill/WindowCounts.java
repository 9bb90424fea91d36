package dev.kqlhunt.backfill;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one window's evaluation counted.
 *
 * @param rows {@code Event} rows whose {@code TimeGenerated} lies in the window
 * @param matches rows the rule's query returned and no tuning exclusion removed
 * @param alerts alerts raised: 0 or 1
 * @param rejected lines of the window's own files that were not valid records
 * @param excluded results each applied tuning exclusion removed, by exclusion name in file
 *     order; empty without applied exclusions
 */
record WindowCounts(
        long rows, long matches, long alerts, long rejected, Map<String, Long> excluded) {

    WindowCounts {
        excluded = Collections.unmodifiableMap(new LinkedHashMap<>(excluded));
    }

    /** Returns the results that tuning removed from the window. */
    long excludedTotal() {
        return excluded.values().stream().mapToLong(Long::longValue).sum();
    }
}
