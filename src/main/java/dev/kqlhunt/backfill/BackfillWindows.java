package dev.kqlhunt.backfill;

import dev.kqlhunt.rule.Schedule;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The schedule windows of a backfill: the runs a rule would have made in a time range.
 *
 * <p>A rule runs every {@code queryFrequency} and each run covers the preceding
 * {@code queryPeriod}. Windows are [k * frequency, k * frequency + period) in epoch time, the
 * same windows that the hunt's alerts use, so the run of a window happens at its end. A backfill
 * over [from, to) takes every window that ends after {@code from} and no later than {@code to}:
 * for a 1d/1d rule and the dates 2021-03-01 to 2021-03-02 these are the two calendar days. A
 * window longer than its frequency reaches back before {@code from}.
 */
public final class BackfillWindows {

    /** The largest number of windows one backfill evaluates for a rule. */
    public static final int MAX_WINDOWS = 100_000;

    private static final DateTimeFormatter NAME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

    private BackfillWindows() {}

    /** Returns the windows that end in (from, to], earliest first. */
    public static List<Schedule.Window> endingIn(Schedule schedule, Instant from, Instant to) {
        long step = schedule.frequencyMillis();
        long size = schedule.periodMillis();
        long firstIndex = Math.floorDiv(from.toEpochMilli() - size, step) + 1;
        long lastIndex = Math.floorDiv(to.toEpochMilli() - size, step);
        long count = lastIndex - firstIndex + 1;
        if (count > MAX_WINDOWS) {
            throw new IllegalArgumentException(
                    "the range " + from + " to " + to + " holds " + count
                            + " windows of queryFrequency " + schedule.frequency()
                            + ", more than " + MAX_WINDOWS + "; backfill a shorter range");
        }
        List<Schedule.Window> windows = new ArrayList<>();
        for (long index = firstIndex; index <= lastIndex; index++) {
            long start = index * step;
            windows.add(new Schedule.Window(start, start + size));
        }
        return windows;
    }

    /** Returns the folder name of a window: its UTC start, such as 2021-03-02T00-00-00Z. */
    public static String name(Schedule.Window window) {
        return NAME.format(window.start());
    }
}
