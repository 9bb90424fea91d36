package dev.kqlhunt.lint;

import dev.kqlhunt.kql.KqlPosition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rewrites KQL text that the parser would reject at the first problem, so that lint can report
 * every problem and still analyse the predicate. Each rewrite keeps the text's length and line
 * breaks, so positions in the rewritten text are positions in the original:
 *
 * <ul>
 *   <li>a dotted name such as {@code process.name} becomes {@code process_name}, remembered by
 *       position so that findings show the name as written;
 *   <li>{@code OR} or {@code And} becomes {@code or} or {@code and};
 *   <li>the backslash of an escape that KQL does not define, as in {@code "Domain\Admin"},
 *       becomes U+FFFD, which only feeds the comparison of constants.
 * </ul>
 */
final class LenientText {

    /** A problem found while rewriting, at its position in the text. */
    record Problem(LintCode code, KqlPosition position, String subject, String message) {}

    private static final String ESCAPES = "\\\"'nrtu";

    private final String original;
    private final StringBuilder text;
    private final Map<KqlPosition, String> dottedNames = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private int offset;
    private int line;
    private int lineStart;

    private LenientText(String original) {
        this.original = original;
        this.text = new StringBuilder(original);
    }

    static LenientText rewrite(String original) {
        LenientText result = new LenientText(original);
        result.run();
        return result;
    }

    String text() {
        return text.toString();
    }

    /** The dotted names as written, by the position of the identifier that replaced each. */
    Map<KqlPosition, String> dottedNames() {
        return dottedNames;
    }

    List<Problem> problems() {
        return problems;
    }

    private KqlPosition position(int at) {
        return new KqlPosition(line, at - lineStart + 1);
    }

    private char at(int index) {
        return index >= 0 && index < original.length() ? original.charAt(index) : '\0';
    }

    private void run() {
        while (offset < original.length()) {
            char c = original.charAt(offset);
            if (c == '\n') {
                offset++;
                line++;
                lineStart = offset;
            } else if (c == '/' && at(offset + 1) == '/') {
                while (offset < original.length() && original.charAt(offset) != '\n') {
                    offset++;
                }
            } else if (startsString(offset)) {
                string();
            } else if (Character.isLetter(c) || c == '_') {
                identifier();
            } else if (Character.isDigit(c)) {
                while (Character.isLetterOrDigit(at(offset)) || at(offset) == '.') {
                    offset++;
                }
            } else {
                offset++;
            }
        }
    }

    private boolean startsString(int index) {
        char c = at(index);
        if ((c == 'h' || c == 'H') && !isNamePart(at(index - 1))) {
            c = at(++index);
        }
        if (c == '@') {
            c = at(index + 1);
        }
        return c == '"' || c == '\'';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private void string() {
        if (at(offset) == 'h' || at(offset) == 'H') {
            offset++;
        }
        boolean verbatim = at(offset) == '@';
        if (verbatim) {
            offset++;
        }
        char quote = at(offset++);
        while (offset < original.length() && at(offset) != '\n') {
            char c = at(offset);
            if (c == quote) {
                offset++;
                if (!(verbatim && at(offset) == quote)) {
                    return;
                }
                offset++;
            } else if (c == '\\' && !verbatim) {
                escape();
            } else {
                offset++;
            }
        }
    }

    private void escape() {
        char next = at(offset + 1);
        if (ESCAPES.indexOf(next) < 0) {
            problems.add(new Problem(LintCode.INVALID_ESCAPE, position(offset), "\\" + next,
                    "'\\" + next + "' is not a KQL escape sequence; write a verbatim literal"
                            + " such as @\"Domain\\Administrator\", or double the backslash"));
            text.setCharAt(offset, '\uFFFD');
        }
        offset += 2;
    }

    private void identifier() {
        int start = offset;
        while (isNamePart(at(offset))) {
            offset++;
        }
        int end = offset;
        while (at(end) == '.' && (Character.isLetter(at(end + 1)) || at(end + 1) == '_')) {
            end++;
            while (isNamePart(at(end))) {
                end++;
            }
        }
        if (end > offset) {
            String dotted = original.substring(start, end);
            for (int i = start; i < end; i++) {
                if (original.charAt(i) == '.') {
                    text.setCharAt(i, '_');
                }
            }
            dottedNames.put(position(start), dotted);
            offset = end;
            return;
        }
        String word = original.substring(start, end);
        String lower = word.toLowerCase(Locale.ROOT);
        if ((lower.equals("or") || lower.equals("and")) && !word.equals(lower)) {
            problems.add(new Problem(LintCode.KEYWORD_CASE, position(start), word,
                    "'" + word + "' is not a KQL operator: KQL keywords are case-sensitive,"
                            + " write '" + lower + "'"));
            text.replace(start, end, lower);
        }
    }
}
