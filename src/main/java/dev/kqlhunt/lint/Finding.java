package dev.kqlhunt.lint;

import java.util.Comparator;

/**
 * One lint finding.
 *
 * @param line the 1-based line in {@code file}
 * @param column the 1-based column in {@code file}
 * @param subject the column, exclusion or construct the finding is about, as written
 */
public record Finding(
        LintCode code, String file, int line, int column, String subject, String message) {

    /** Orders findings by file, line and column. */
    public static final Comparator<Finding> ORDER =
            Comparator.comparing(Finding::file)
                    .thenComparingInt(Finding::line)
                    .thenComparingInt(Finding::column)
                    .thenComparing(Finding::code);

    public Severity severity() {
        return code.severity();
    }

    /** Renders the finding as {@code file:line:column: severity CODE: message}. */
    public String render() {
        return file + ":" + line + ":" + column + ": " + severity().name().toLowerCase(
                java.util.Locale.ROOT) + " " + code + ": " + message;
    }
}
