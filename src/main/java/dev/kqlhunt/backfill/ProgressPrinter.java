package dev.kqlhunt.backfill;

import dev.kqlhunt.output.Terminal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Console lines of a long backfill: each evaluated window, then windows done of total, records
 * read, matches, alerts and an estimate of the time left from the time per window so far.
 */
final class ProgressPrinter {

    /** Gaps listed one by one before the rest are only counted. */
    private static final int GAPS_LISTED = 20;

    private final PrintStream out;
    private final int total;
    private final long startNanos = System.nanoTime();
    private int done;
    private long recordsRead;
    private long matches;
    private long alerts;

    ProgressPrinter(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    void plan(String rule, int windows, int finished, List<BackfillReport.Gap> gaps, int pending) {
        out.printf(
                "%s: %d windows, %d already finished, %d gaps, %d to evaluate%n",
                Terminal.safe(rule), windows, finished, gaps.size(), pending);
        for (int i = 0; i < gaps.size() && i < GAPS_LISTED; i++) {
            BackfillReport.Gap gap = gaps.get(i);
            out.printf(
                    "  gap %s: no partition for %s%n",
                    Terminal.safe(gap.window()),
                    gap.missingDays());
        }
        if (gaps.size() > GAPS_LISTED) {
            out.printf(
                    "  ... and %d more gaps, all listed in %s%n",
                    gaps.size() - GAPS_LISTED,
                    BackfillFolder.GAPS_FILE);
        }
    }

    void batch(long batchRecords) {
        recordsRead += batchRecords;
    }

    void window(String rule, String window, WindowCounts counts) {
        done++;
        matches += counts.matches();
        alerts += counts.alerts();
        // Only a rule with applied exclusions has per-exclusion counts.
        String excluded =
                counts.excluded().isEmpty()
                        ? ""
                        : ", " + counts.excludedTotal() + " excluded by tuning";
        out.printf(
                "[%d/%d] %s %s: %d rows, %d matches, %d alerts%s%n",
                done,
                total,
                Terminal.safe(rule),
                Terminal.safe(window),
                counts.rows(),
                counts.matches(),
                counts.alerts(),
                excluded);
    }

    void status() {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        String left =
                done == 0 || done == total
                        ? ""
                        : ", about " + format(elapsed.multipliedBy(total - done).dividedBy(done))
                                + " left";
        out.printf(
                "  %d/%d windows done, %d records read, %d matches, %d alerts, %s elapsed%s%n",
                done, total, recordsRead, matches, alerts, format(elapsed), left);
        out.flush();
    }

    private static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds / 60 % 60 + " min";
    }
}
