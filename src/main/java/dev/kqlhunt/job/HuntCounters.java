package dev.kqlhunt.job;

/** Names of the Flink accumulators a hunt reports in its summary. */
public final class HuntCounters {

    /** Input lines and file-level failures read from the archive. */
    public static final String RECORDS_READ = "kqlhunt.records-read";

    /** Lines that became {@code Event} rows. */
    public static final String ROWS_PARSED = "kqlhunt.rows-parsed";

    /** Rows dropped because their {@code TimeGenerated} is outside {@code --from}/{@code --to}. */
    public static final String ROWS_OUTSIDE_RANGE = "kqlhunt.rows-outside-range";

    /** Lines and failures written to the rejected output. */
    public static final String REJECTED = "kqlhunt.rejected";

    private static final String MATCHES_PREFIX = "kqlhunt.matches.";

    private HuntCounters() {}

    /** Returns the accumulator that counts a rule's results. */
    public static String matches(String ruleFolder) {
        return MATCHES_PREFIX + ruleFolder;
    }
}
