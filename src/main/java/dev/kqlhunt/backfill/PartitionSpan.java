package dev.kqlhunt.backfill;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The time span [start, end) that a data-export folder names with its {@code y=}, {@code m=},
 * {@code d=} and {@code h=} path components, such as one hour for
 * {@code .../y=2021/m=03/d=02/h=10/m=00/PT05M.json}. The minute folder under {@code h=} is not
 * used: an hour is the finest span a backfill needs.
 */
record PartitionSpan(Instant start, Instant end) {

    /** Returns the span of the folders above {@code file}, or nothing without a year folder. */
    static Optional<PartitionSpan> of(Path file) {
        int year = -1;
        int month = -1;
        int day = -1;
        int hour = -1;
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null) {
            return Optional.empty();
        }
        for (Path part : parent) {
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
            } else if (name.startsWith("d=") && month >= 0 && day < 0) {
                day = value;
            } else if (name.startsWith("h=") && day >= 0 && hour < 0) {
                hour = value;
            }
        }
        if (year < 1 || year > 9999 || month < 0) {
            return Optional.empty();
        }
        try {
            LocalDateTime first =
                    LocalDateTime.of(year, month, Math.max(day, 1), Math.max(hour, 0), 0);
            LocalDateTime next =
                    hour >= 0 ? first.plusHours(1)
                    : day >= 0 ? first.plusDays(1)
                    : first.plusMonths(1);
            return Optional.of(
                    new PartitionSpan(
                            first.toInstant(ZoneOffset.UTC), next.toInstant(ZoneOffset.UTC)));
        } catch (DateTimeException e) {
            // Not a real date, so not an export partition.
            return Optional.empty();
        }
    }

    /** Returns whether this span shares an instant with [from, to). */
    boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && end.isAfter(from);
    }

    /** Returns the number after {@code x=} in a partition name, or -1. */
    private static int value(String name) {
        if (name.length() < 3 || name.length() > 6 || name.charAt(1) != '=') {
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
