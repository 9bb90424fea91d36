package dev.kqlhunt.cli;

import org.apache.flink.util.TimeUtils;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses {@code --from} and {@code --to}: a UTC date such as 2021-03-02, or an ISO-8601 instant;
 * and {@code --max-export-delay}.
 */
final class TimeArguments {

    private TimeArguments() {}

    /** Returns the start of a date, or the instant itself. */
    static Instant from(String text) {
        return parse(text, false);
    }

    /**
     * Returns the end of a date, so that {@code --to 2021-03-02} includes that whole day, or the
     * instant itself as an exclusive bound.
     */
    static Instant to(String text) {
        return parse(text, true);
    }

    /**
     * Returns a {@code --max-export-delay}: a Flink duration such as 6h or 7d, or null for
     * {@code none}, which reads every later partition.
     */
    static Duration maxExportDelay(String text) {
        if (text.strip().equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return TimeUtils.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "invalid --max-export-delay '" + text + "': expected a duration such as 6h"
                            + " or 7d, or none");
        }
    }

    private static Instant parse(String text, boolean endOfDate) {
        if (text == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text);
            LocalDate day = endOfDate ? date.plusDays(1) : date;
            return day.atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "invalid time '" + text
                                + "': expected a UTC date such as 2021-03-02 or an instant such as"
                                + " 2021-03-02T10:00:00Z");
            }
        }
    }
}
