package dev.kqlhunt.stream;

/** Names of the accumulators that {@code watch} adds to those of the batch hunt. */
public final class WatchCounters {

    /** Alerts emitted, amended revisions included. */
    public static final String ALERTS = "kqlhunt.alerts";

    /** Results that arrived after one of their windows had closed. */
    public static final String LATE_RESULTS = "kqlhunt.late-results";

    /** Late results whose window's state was already removed: no amended alert for them. */
    public static final String LATE_RESULTS_EXPIRED = "kqlhunt.late-results-expired";

    /** The highest watermark seen after the source subtasks, in epoch milliseconds. */
    public static final String WATERMARK = "kqlhunt.watermark";

    private WatchCounters() {}
}
