package dev.kqlhunt.events;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Parses {@code TimeGenerated} values into UTC {@link LocalDateTime}s at KQL's precision.
 *
 * <p>Accepted forms:
 *
 * <ul>
 *   <li>ISO 8601: {@code 2021-03-02T10:15:30.1234567Z}. The separator may be {@code T} or a space.
 *       Seconds and the fraction are optional, and the fraction has 1 to 9 digits. The zone is
 *       {@code Z}, an offset ({@code +02:00}, {@code +0200}, {@code +02}) that is converted to
 *       UTC, or absent, which means UTC as in KQL.
 *   <li>A date alone, {@code 2021-03-02}, meaning midnight UTC, as KQL's {@code datetime()} reads
 *       it.
 *   <li>The Azure portal's CSV and JSON export format, {@code 7/8/2021, 4:00:30.210 PM}: US
 *       month/day/year, 12-hour clock, always UTC.
 * </ul>
 *
 * <p>KQL datetimes count 100 ns ticks, so digits 8 and 9 of a fraction are truncated, not rounded.
 * Years outside 0001-9999, before or after the offset is applied, are rejected. Leading and
 * trailing whitespace is ignored.
 */
public final class EventTimes {

    /** Latest datetime KQL can hold. */
    public static final LocalDateTime MAX = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_900);

    /** Earliest datetime KQL can hold. */
    public static final LocalDateTime MIN = LocalDateTime.of(1, 1, 1, 0, 0);

    private static final int NANOS_PER_TICK = 100;

    private EventTimes() {}

    /**
     * Parses {@code text} into a UTC datetime.
     *
     * @throws IllegalArgumentException with a message that says what is wrong with the value
     */
    public static LocalDateTime parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("is missing");
        }
        String value = text.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        LocalDateTime parsed;
        try {
            parsed = value.indexOf('/') >= 0 ? parsePortal(value) : parseIso(value);
        } catch (DateTimeException | IndexOutOfBoundsException e) {
            throw invalid(text);
        }
        if (parsed.isBefore(MIN) || parsed.isAfter(MAX)) {
            throw new IllegalArgumentException(
                    "\"" + text + "\" is outside KQL's datetime range, years 0001 to 9999");
        }
        return parsed;
    }

    private static LocalDateTime parseIso(String s) {
        Cursor c = new Cursor(s);
        int year = c.digits(4, 4);
        c.expect('-');
        int month = c.digits(2, 2);
        c.expect('-');
        int day = c.digits(2, 2);
        LocalDate date = LocalDate.of(year, month, day);
        if (c.atEnd()) {
            return date.atStartOfDay();
        }
        char separator = c.next();
        if (separator != 'T' && separator != 't' && separator != ' ') {
            throw new DateTimeException("expected T");
        }
        int hour = c.digits(2, 2);
        c.expect(':');
        int minute = c.digits(2, 2);
        int second = 0;
        int nanos = 0;
        if (c.peekIs(':')) {
            c.next();
            second = c.digits(2, 2);
            if (c.peekIs('.')) {
                c.next();
                nanos = c.fraction();
            }
        }
        LocalDateTime local = LocalDateTime.of(date, LocalTime.of(hour, minute, second, nanos));
        int offsetSeconds = c.offsetSeconds();
        if (!c.atEnd()) {
            throw new DateTimeException("trailing text");
        }
        // LocalDateTime holds years 0 and 10000, so the range check after this is exact.
        return local.minusSeconds(offsetSeconds);
    }

    private static LocalDateTime parsePortal(String s) {
        Cursor c = new Cursor(s);
        int month = c.digits(1, 2);
        c.expect('/');
        int day = c.digits(1, 2);
        c.expect('/');
        int year = c.digits(4, 4);
        c.expect(',');
        c.expect(' ');
        int hour12 = c.digits(1, 2);
        c.expect(':');
        int minute = c.digits(2, 2);
        c.expect(':');
        int second = c.digits(2, 2);
        int nanos = 0;
        if (c.peekIs('.')) {
            c.next();
            nanos = c.fraction();
        }
        c.expect(' ');
        String marker = c.rest();
        if (hour12 < 1 || hour12 > 12) {
            throw new DateTimeException("hour out of range");
        }
        int hour;
        if (marker.equalsIgnoreCase("AM")) {
            hour = hour12 % 12;
        } else if (marker.equalsIgnoreCase("PM")) {
            hour = hour12 % 12 + 12;
        } else {
            throw new DateTimeException("expected AM or PM");
        }
        return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(
                "\""
                        + text
                        + "\" is not a valid datetime: expected ISO 8601 such as"
                        + " 2021-07-08T16:00:30.2100000Z or the portal form 7/8/2021, 4:00:30.210 PM");
    }

    /** Position in the text being parsed; every method throws DateTimeException on a mismatch. */
    private static final class Cursor {
        private final String s;
        private int pos;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos == s.length();
        }

        boolean peekIs(char expected) {
            return pos < s.length() && s.charAt(pos) == expected;
        }

        char next() {
            return s.charAt(pos++);
        }

        String rest() {
            String rest = s.substring(pos);
            pos = s.length();
            return rest;
        }

        void expect(char expected) {
            if (!peekIs(expected)) {
                throw new DateTimeException("expected " + expected);
            }
            pos++;
        }

        int digits(int min, int max) {
            int start = pos;
            int value = 0;
            while (pos < s.length() && pos - start < max && isDigit(s.charAt(pos))) {
                value = value * 10 + (s.charAt(pos) - '0');
                pos++;
            }
            if (pos - start < min) {
                throw new DateTimeException("expected a digit");
            }
            return value;
        }

        /** Reads 1 to 9 fraction digits and returns nanoseconds truncated to 100 ns ticks. */
        int fraction() {
            int start = pos;
            int nanos = digits(1, 9);
            for (int i = pos - start; i < 9; i++) {
                nanos *= 10;
            }
            if (pos < s.length() && isDigit(s.charAt(pos))) {
                throw new DateTimeException("more than 9 fraction digits");
            }
            return nanos - nanos % NANOS_PER_TICK;
        }

        /** Reads an optional zone designator and returns its offset from UTC in seconds. */
        int offsetSeconds() {
            if (atEnd()) {
                return 0;
            }
            char sign = next();
            if (sign == 'Z' || sign == 'z') {
                return 0;
            }
            if (sign != '+' && sign != '-') {
                throw new DateTimeException("expected Z or an offset");
            }
            int hours = digits(2, 2);
            int minutes = 0;
            if (peekIs(':')) {
                next();
                minutes = digits(2, 2);
            } else if (!atEnd()) {
                minutes = digits(2, 2);
            }
            if (hours > 18 || minutes > 59) {
                throw new DateTimeException("offset out of range");
            }
            int seconds = hours * 3600 + minutes * 60;
            return sign == '-' ? -seconds : seconds;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
