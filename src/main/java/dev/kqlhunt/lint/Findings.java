package dev.kqlhunt.lint;

import dev.kqlhunt.kql.KqlException;
import dev.kqlhunt.kql.KqlSource;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds findings from positions in KQL text and from the project's exception messages. */
final class Findings {

    /** {@code file:line:column: message}, as RuleException and KqlException messages start. */
    private static final Pattern LOCATED = Pattern.compile("(.*?):(\\d+):(\\d+): (.*)",
            Pattern.DOTALL);

    private Findings() {}

    static Finding at(KqlSource source, LenientText.Problem problem) {
        KqlException located = source.error(problem.position(), problem.message());
        return new Finding(problem.code(), source.fileName(), located.line(), located.column(),
                problem.subject(), problem.message());
    }

    static void addAll(List<Finding> findings, KqlSource source,
            List<LenientText.Problem> problems) {
        problems.forEach(problem -> findings.add(at(source, problem)));
    }

    static Finding fromException(LintCode code, KqlException e) {
        String prefix = e.fileName() + ":" + e.line() + ":" + e.column() + ": ";
        String message = e.getMessage().startsWith(prefix)
                ? e.getMessage().substring(prefix.length())
                : e.getMessage();
        return new Finding(code, e.fileName(), e.line(), e.column(), construct(message), message);
    }

    /** Parses a message that starts with {@code file:line:column:}, else places it at 1:1. */
    static Finding fromMessage(LintCode code, String file, String message) {
        Matcher matcher = LOCATED.matcher(message);
        if (matcher.matches() && matcher.group(1).equals(file)) {
            return new Finding(code, file, Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3)), "", matcher.group(4));
        }
        String text = message.startsWith(file + ": ")
                ? message.substring(file.length() + 2)
                : message;
        return new Finding(code, file, 1, 1, "", text);
    }

    /** Returns the construct a compiler message names in quotes first, or "" without one. */
    private static String construct(String message) {
        int start = message.indexOf('\'');
        int end = start < 0 ? -1 : message.indexOf('\'', start + 1);
        return end < 0 ? "" : message.substring(start + 1, end);
    }
}
