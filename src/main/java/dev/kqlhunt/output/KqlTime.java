package dev.kqlhunt.output;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * KQL datetimes as 100-nanosecond ticks since the Unix epoch, and their text form.
 *
 * <p>Ticks in a {@code long} cover KQL's whole range (years 1 to 9999), which epoch nanoseconds
 * do not.
 */
public final class KqlTime {

    public static final long NANOS_PER_TICK = 100;
    public static final long TICKS_PER_SECOND = 10_000_000L;
    public static final long TICKS_PER_MILLI = 10_000L;

    /** Always seven fractional digits and a {@code Z}, as Log Analytics exports write them. */
    private static final DateTimeFormatter FORMAT =
            new DateTimeFormatterBuilder()
                    .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
                    .appendFraction(ChronoField.NANO_OF_SECOND, 7, 7, true)
                    .appendLiteral('Z')
                    .toFormatter();

    private KqlTime() {}

    public static long ticks(LocalDateTime utc) {
        long seconds = utc.toEpochSecond(ZoneOffset.UTC);
        return seconds * TICKS_PER_SECOND + utc.getNano() / NANOS_PER_TICK;
    }

    public static LocalDateTime toLocalDateTime(long ticks) {
        long seconds = Math.floorDiv(ticks, TICKS_PER_SECOND);
        long nanos = Math.floorMod(ticks, TICKS_PER_SECOND) * NANOS_PER_TICK;
        return LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC);
    }

    /** Returns the epoch millisecond that holds the tick, rounding towards the past. */
    public static long toEpochMillis(long ticks) {
        return Math.floorDiv(ticks, TICKS_PER_MILLI);
    }

    public static String format(long ticks) {
        return FORMAT.format(toLocalDateTime(ticks));
    }

    public static String format(LocalDateTime utc) {
        return FORMAT.format(utc);
    }

    /** Formats a window boundary, which is a whole second, without a fraction. */
    public static String formatInstant(long epochMillis) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMillis));
    }
}
