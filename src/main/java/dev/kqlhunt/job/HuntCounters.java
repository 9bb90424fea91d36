package dev.kqlhunt.job;

import dev.kqlhunt.events.ParseEvents;

/** Names of the Flink accumulators a hunt reports in its summary. */
public final class HuntCounters {

    /** Input lines, array elements and file-level failures read from the archive. */
    public static final String RECORDS_READ = ParseEvents.RECORDS_READ;

    /** Records that became {@code Event} rows. */
    public static final String RECORDS_EVALUATED = ParseEvents.RECORDS_EVALUATED;

    /** Records written to the rejected output. */
    public static final String RECORDS_REJECTED = ParseEvents.RECORDS_REJECTED;

    /** {@code Event} rows; more than the records evaluated when a record holds several rows. */
    public static final String ROWS = ParseEvents.ROWS;

    /** Records whose columns were not read because no rule can match them. */
    public static final String RECORDS_SKIPPED = ParseEvents.RECORDS_SKIPPED;

    /** Rows dropped because their {@code TimeGenerated} is outside {@code --from}/{@code --to}. */
    public static final String ROWS_OUTSIDE_RANGE = "kqlhunt.rows-outside-range";

    private static final String MATCHES_PREFIX = "kqlhunt.matches.";

    private HuntCounters() {}

    /** Returns the accumulator that counts a rule's results. */
    public static String matches(String ruleFolder) {
        return MATCHES_PREFIX + ruleFolder;
    }
}
