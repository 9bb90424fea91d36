package dev.kqlhunt.events;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Time partitions of the Log Analytics data-export layout,
 * {@code .../y=2021/m=03/d=02/h=10/m=00/PT05M.json}, used to skip directories that cannot hold
 * rows of a time range.
 *
 * <p>Data export files a row under the time it was exported, not under its
 * {@code TimeGenerated}. Export comes after ingestion, which can lag by hours or days when an
 * agent was offline, so a row can sit in any later partition. It sits in an earlier one only when
 * the agent's clock ran ahead. A partition is therefore kept when it ends within {@link
 * #EARLY_SLACK} before the range or starts within the caller's late slack after it. Callers still
 * filter rows by {@code TimeGenerated} after reading, so the slack costs only reading time.
 */
final class Partitions {

    /** Margin before the requested range within which partitions are still read. */
    static final Duration EARLY_SLACK = Duration.ofHours(1);

    private Partitions() {}

    /**
     * Returns whether the partition named by {@code dir}'s {@code y=}, {@code m=}, {@code d=} and
     * {@code h=} path components can hold rows in [from, to) exported at most {@code lateSlack}
     * after their time. A path without a year partition is always kept.
     *
     * @param lateSlack how long after the range partitions are still read; null for no limit
     */
    static boolean mayHold(Path dir, Instant from, Instant to, Duration lateSlack) {
        int year = -1;
        int month = -1;
        int day = -1;
        int hour = -1;
        for (Path part : dir) {
            String name = part.toString();
            int value = value(name);
            if (value < 0) {
                continue;
            }
            if (name.startsWith("y=")) {
                year = value;
                month = -1;
                day = -1;
                hour = -1;
            } else if (name.startsWith("m=") && year >= 0 && month < 0) {
                month = value;
            } else if (name.startsWith("d=") && month >= 0) {
                day = value;
            } else if (name.startsWith("h=") && day >= 0) {
                hour = value;
            }
        }
        if (year < 1 || year > 9999) {
            return true;
        }

        Instant start;
        Instant end;
        try {
            LocalDateTime first =
                    LocalDateTime.of(year, Math.max(month, 1), Math.max(day, 1), Math.max(hour, 0), 0);
            start = first.toInstant(ZoneOffset.UTC);
            LocalDateTime next =
                    hour >= 0 ? first.plusHours(1)
                    : day >= 0 ? first.plusDays(1)
                    : month >= 0 ? first.plusMonths(1)
                    : first.plusYears(1);
            end = next.toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            // Not a real date, so not an export partition: keep it rather than guess.
            return true;
        }

        boolean endsBefore = from != null && !end.plus(EARLY_SLACK).isAfter(from);
        boolean startsAfter =
                to != null && lateSlack != null && !start.minus(lateSlack).isBefore(to);
        return !endsBefore && !startsAfter;
    }

    /** Returns the number after {@code x=} in a partition name, or -1. */
    private static int value(String name) {
        if (name.length() < 3 || name.length() > 7 || name.charAt(1) != '=') {
            return -1;
        }
        int value = 0;
        for (int i = 2; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
