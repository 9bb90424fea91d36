package dev.kqlhunt.kql;

/**
 * KQL's string semantics as plain static methods, shared by the Flink functions and by any code
 * that has to agree with them (a reader prefilter, for example).
 *
 * <p>Every method treats {@code null} as {@code ""}, because KQL strings are never null, and no
 * method returns {@code null}.
 *
 * <p>Case-insensitive comparison is ordinal, as .NET's {@code OrdinalIgnoreCase} that Kusto
 * uses: ASCII letters match their other case, two characters outside ASCII match when {@link
 * Character#toUpperCase(char)} maps them to the same character, and a character outside ASCII
 * never matches an ASCII one, so {@code "ı" =~ "I"} and {@code "ſ" =~ "s"} are false. The
 * mapping is simple (one UTF-16 unit to one) and ignores the default locale, so {@code "FILE" =~
 * "file"} stays true under a Turkish locale. The comparison methods allocate nothing.
 *
 * <p>NOTE: a letter outside the Basic Multilingual Plane (a surrogate pair) matches only itself,
 * and {@code tolower}/{@code toupper} leave it unchanged; .NET also folds the case of the few such
 * letters that have one, such as Deseret. {@code tolower("İ")} gives {@code "i"} and {@code
 * toupper("ı")} gives {@code "I"} here, where .NET's invariant casing keeps both letters; which
 * of the two Kusto's tolower and toupper follow is not verified.
 *
 * <p>Positions and lengths ({@code strlen}, {@code indexof}, {@code substring}) count Unicode code
 * points, as KQL's {@code strlen} is documented to do. For text without characters outside the
 * Basic Multilingual Plane this equals the count of UTF-16 units.
 */
public final class KqlStrings {

    private KqlStrings() {}

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Compares two characters the way KQL's case-insensitive operators do. */
    public static boolean equalsIgnoreCase(char a, char b) {
        if (a == b) {
            return true;
        }
        if (a < 0x80 || b < 0x80) {
            return a < 0x80 && b < 0x80 && asciiUpper(a) == asciiUpper(b);
        }
        return Character.toUpperCase(a) == Character.toUpperCase(b);
    }

    private static char asciiUpper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
    }

    private static boolean regionMatchesIgnoreCase(String s, int offset, String part) {
        for (int i = 0; i < part.length(); i++) {
            if (!equalsIgnoreCase(s.charAt(offset + i), part.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** KQL {@code =~}. */
    public static boolean equalsIgnoreCase(String a, String b) {
        a = orEmpty(a);
        b = orEmpty(b);
        return a.length() == b.length() && regionMatchesIgnoreCase(a, 0, b);
    }

    /** KQL {@code contains}. */
    public static boolean containsIgnoreCase(String s, String part) {
        s = orEmpty(s);
        part = orEmpty(part);
        for (int i = 0; i + part.length() <= s.length(); i++) {
            if (regionMatchesIgnoreCase(s, i, part)) {
                return true;
            }
        }
        return false;
    }

    /** KQL {@code contains_cs}. */
    public static boolean contains(String s, String part) {
        return orEmpty(s).contains(orEmpty(part));
    }

    /** KQL {@code startswith}. */
    public static boolean startsWithIgnoreCase(String s, String prefix) {
        s = orEmpty(s);
        prefix = orEmpty(prefix);
        return prefix.length() <= s.length() && regionMatchesIgnoreCase(s, 0, prefix);
    }

    /** KQL {@code startswith_cs}. */
    public static boolean startsWith(String s, String prefix) {
        return orEmpty(s).startsWith(orEmpty(prefix));
    }

    /** KQL {@code endswith}. */
    public static boolean endsWithIgnoreCase(String s, String suffix) {
        s = orEmpty(s);
        suffix = orEmpty(suffix);
        int offset = s.length() - suffix.length();
        return offset >= 0 && regionMatchesIgnoreCase(s, offset, suffix);
    }

    /** KQL {@code endswith_cs}. */
    public static boolean endsWith(String s, String suffix) {
        return orEmpty(s).endsWith(orEmpty(suffix));
    }

    /** KQL {@code tolower}: maps each UTF-16 unit with {@link Character#toLowerCase(char)}. */
    public static String toLower(String s) {
        s = orEmpty(s);
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }

    /** KQL {@code toupper}: maps each UTF-16 unit with {@link Character#toUpperCase(char)}. */
    public static String toUpper(String s) {
        s = orEmpty(s);
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toUpperCase(chars[i]);
        }
        return new String(chars);
    }

    /** KQL {@code strlen}, in code points. */
    public static long strlen(String s) {
        s = orEmpty(s);
        return s.codePointCount(0, s.length());
    }

    /**
     * KQL {@code indexof(s, lookup, start)}: the code point index of the first occurrence of
     * {@code lookup} at or after code point {@code start}, or -1. A {@code start} past the end
     * finds nothing, except that an empty {@code lookup} is found at the end of {@code s}.
     */
    public static long indexOf(String s, String lookup, long start) {
        s = orEmpty(s);
        lookup = orEmpty(lookup);
        long length = strlen(s);
        if (start < 0 || start > length) {
            return -1;
        }
        int from = s.offsetByCodePoints(0, (int) start);
        int found = s.indexOf(lookup, from);
        return found < 0 ? -1 : s.codePointCount(0, found);
    }

    /**
     * KQL {@code substring(s, start, length)} in code points. A negative {@code start} counts
     * from the end of {@code s}. The range is clamped to {@code s}, so a start at or past the end
     * or a negative length gives {@code ""}. A {@code null} start gives {@code ""}, and a
     * {@code null} length means "to the end".
     */
    public static String substring(String s, Long start, Long length) {
        s = orEmpty(s);
        if (start == null) {
            return "";
        }
        long size = strlen(s);
        long begin = start < 0 ? Math.max(0, size + start) : Math.min(start, size);
        long end = length == null ? size : Math.min(size, begin + Math.max(0, length));
        int beginIndex = s.offsetByCodePoints(0, (int) begin);
        int endIndex = s.offsetByCodePoints(beginIndex, (int) (end - begin));
        return s.substring(beginIndex, endIndex);
    }

    /**
     * KQL {@code tostring(split(s, delimiter)[index])}: the part at {@code index}, counted from
     * the end when negative, or {@code ""} when out of range. An empty delimiter does not split.
     */
    public static String splitPart(String s, String delimiter, long index) {
        s = orEmpty(s);
        delimiter = orEmpty(delimiter);
        if (delimiter.isEmpty()) {
            return index == 0 || index == -1 ? s : "";
        }
        int parts = 1;
        int at = s.indexOf(delimiter);
        while (at >= 0) {
            parts++;
            at = s.indexOf(delimiter, at + delimiter.length());
        }
        long wanted = index < 0 ? parts + index : index;
        if (wanted < 0 || wanted >= parts) {
            return "";
        }
        int begin = 0;
        for (long i = 0; i < wanted; i++) {
            begin = s.indexOf(delimiter, begin) + delimiter.length();
        }
        int end = s.indexOf(delimiter, begin);
        return s.substring(begin, end < 0 ? s.length() : end);
    }

    /**
     * KQL {@code trim(pattern, s)} for a pattern that matches itself literally: removes every
     * leading and every trailing repetition of {@code pattern}.
     */
    public static String trimLiteral(String pattern, String s) {
        pattern = orEmpty(pattern);
        s = orEmpty(s);
        if (pattern.isEmpty()) {
            return s;
        }
        int begin = 0;
        while (s.startsWith(pattern, begin)) {
            begin += pattern.length();
        }
        int end = s.length();
        while (end - pattern.length() >= begin && s.startsWith(pattern, end - pattern.length())) {
            end -= pattern.length();
        }
        return s.substring(begin, end);
    }

    /**
     * KQL {@code tolong} of a string: an optional sign followed by decimal digits, else
     * {@code null}, also when the value does not fit a long.
     *
     * <p>NOTE: Kusto documents that a decimal input is truncated, with a real as its example; for
     * a string such as {@code "1.5"} or {@code " 5"} this returns null, which is not verified
     * against Kusto.
     */
    public static Long parseLong(String s) {
        s = orEmpty(s);
        int digitsFrom = s.startsWith("+") || s.startsWith("-") ? 1 : 0;
        if (s.length() == digitsFrom) {
            return null;
        }
        for (int i = digitsFrom; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** KQL {@code toint} of a string: like {@link #parseLong}, and {@code null} outside int. */
    public static Integer parseInt(String s) {
        Long value = parseLong(s);
        if (value == null || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            return null;
        }
        return value.intValue();
    }
}
