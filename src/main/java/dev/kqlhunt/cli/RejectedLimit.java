package dev.kqlhunt.cli;

import java.math.BigDecimal;

/**
 * The {@code --max-rejected} limit: a number of rejected records, such as {@code 100}, or a
 * percentage of the records read, such as {@code 0.5%}. A hunt that rejects more fails with
 * {@link KqlHunt#EXIT_TOO_MANY_REJECTED}.
 */
record RejectedLimit(String text, long count, BigDecimal percent) {

    /** No limit: every record may be rejected. */
    static final RejectedLimit NONE = new RejectedLimit("none", Long.MAX_VALUE, null);

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * Parses a count or a percentage; null gives {@link #NONE}.
     *
     * @throws IllegalArgumentException if {@code text} is neither
     */
    static RejectedLimit parse(String text) {
        if (text == null) {
            return NONE;
        }
        String value = text.strip();
        try {
            if (value.endsWith("%")) {
                BigDecimal percent = new BigDecimal(value.substring(0, value.length() - 1).strip());
                if (percent.signum() < 0 || percent.compareTo(HUNDRED) > 0) {
                    throw invalid(text);
                }
                return new RejectedLimit(value, -1, percent);
            }
            long count = Long.parseLong(value);
            if (count < 0) {
                throw invalid(text);
            }
            return new RejectedLimit(value, count, null);
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(
                "invalid --max-rejected '" + text
                        + "': expected a count such as 100 or a percentage from 0% to 100%"
                        + " such as 0.5%");
    }

    /** Returns whether a limit was given, which makes the hunt validate every record. */
    boolean isSet() {
        return this != NONE;
    }

    /** Returns whether {@code rejected} of {@code read} records is more than this limit allows. */
    boolean isExceeded(long rejected, long read) {
        if (percent == null) {
            return rejected > count;
        }
        // rejected / read > percent / 100, compared without rounding.
        return BigDecimal.valueOf(rejected).multiply(HUNDRED)
                        .compareTo(percent.multiply(BigDecimal.valueOf(read)))
                > 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
