package dev.kqlhunt.backfill;

import dev.kqlhunt.output.Terminal;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * Console lines of a long backfill: each evaluated window, then windows done of total, records
 * read, matches, alerts and an estimate of the time left from the time per window so far.
 */
final class ProgressPrinter {

    /** Gaps and incomplete windows listed one by one before the rest are only counted. */
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

    void plan(
            String rule,
            int windows,
            int finished,
            List<BackfillReport.Gap> gaps,
            int pending,
            List<BackfillReport.Incomplete> incomplete) {
        out.printf(
                "%s: %d windows, %d already finished, %d gaps, %d to evaluate"
                        + " (%d without all late-export days)%n",
                Terminal.safe(rule), windows, finished, gaps.size(), pending, incomplete.size());
        listFirst(
                gaps.stream()
                        .map(gap -> "  gap " + Terminal.safe(gap.window()) + ": no partition for "
                                + gap.missingDays())
                        .toList(),
                "gaps");
        listFirst(
                incomplete.stream()
                        .map(window -> "  incomplete " + Terminal.safe(window.window()) + ": "
                                + Backfill.INCOMPLETE_REASON + " " + window.missingLateDays())
                        .toList(),
                "incomplete windows");
    }

    /** Prints the first {@link #GAPS_LISTED} lines and counts the rest. */
    private void listFirst(List<String> lines, String rest) {
        for (int i = 0; i < lines.size() && i < GAPS_LISTED; i++) {
            out.println(lines.get(i));
        }
        if (lines.size() > GAPS_LISTED) {
            out.printf(
                    "  ... and %d more %s, all listed in %s%n",
                    lines.size() - GAPS_LISTED,
                    rest,
                    BackfillFolder.GAPS_FILE);
        }
    }

    void batch(long batchRecords) {
        recordsRead += batchRecords;
    }

    void window(
            String rule, String window, WindowCounts counts, List<LocalDate> missingLateDays) {
        done++;
        matches += counts.matches();
        alerts += counts.alerts();
        // Only a rule with applied exclusions has per-exclusion counts.
        String excluded =
                counts.excluded().isEmpty()
                        ? ""
                        : ", " + counts.excludedTotal() + " excluded by tuning";
        String rejected = counts.rejected() == 0 ? "" : ", " + counts.rejected() + " rejected";
        String incomplete =
                missingLateDays.isEmpty()
                        ? ""
                        : ", incomplete: " + Backfill.INCOMPLETE_REASON + " " + missingLateDays;
        out.printf(
                "[%d/%d] %s %s: %d rows, %d matches, %d alerts%s%s%s%n",
                done,
                total,
                Terminal.safe(rule),
                Terminal.safe(window),
                counts.rows(),
                counts.matches(),
                counts.alerts(),
                excluded,
                rejected,
                incomplete);
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
