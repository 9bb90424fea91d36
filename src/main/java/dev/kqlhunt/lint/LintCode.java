package dev.kqlhunt.lint;

/** What a finding is about, with its severity. */
public enum LintCode {
    /**
     * A predicate, or part of one, that is true for every row: inequalities of one column with
     * different constants joined by {@code or}, a string operator with an empty literal such as
     * {@code contains ""}, {@code strlen(x) >= 0}, or {@code isempty(x) or isnotempty(x)}.
     */
    ALWAYS_TRUE(Severity.ERROR),
    /**
     * A predicate, or part of one, that is true for no row: equalities of one column with
     * different constants joined by {@code and}, {@code !contains ""}, {@code strlen(x) < 0},
     * or {@code isempty(x) and isnotempty(x)}.
     */
    ALWAYS_FALSE(Severity.ERROR),
    /**
     * An exclusion whose predicate is true for every result, by itself or because the rule's
     * query already requires what it tests.
     */
    EXCLUDES_EVERYTHING(Severity.ERROR),
    /**
     * An exclusion whose predicate is true for no result, by itself or because the rule's query
     * rules out what it tests.
     */
    EXCLUDES_NOTHING(Severity.ERROR),
    /**
     * An enabled exclusion that is true for every result that the rule's test cases expect, so
     * it would remove every known true positive.
     */
    EXCLUDES_EXPECTED_MATCHES(Severity.WARNING),
    /** A column that the Event table or the rule's output does not have. */
    UNKNOWN_COLUMN(Severity.ERROR),
    /** {@code OR}, {@code And} and other spellings of KQL's lower-case {@code or} and {@code and}. */
    KEYWORD_CASE(Severity.ERROR),
    /** A backslash escape in a string literal that KQL does not define. */
    INVALID_ESCAPE(Severity.ERROR),
    /** A query or predicate that the compiler does not support or rejects. */
    UNSUPPORTED_KQL(Severity.ERROR),
    /** An entity mapping to a column that the query does not output. */
    ENTITY_COLUMN_MISSING(Severity.ERROR),
    /** Two exclusions of one tuning file with the same name. */
    DUPLICATE_EXCLUSION(Severity.ERROR),
    /** An exclusion past its expiry date, which hunts no longer apply. */
    EXCLUSION_EXPIRED(Severity.WARNING),
    /** A rule or tuning file that does not load. */
    INVALID_FILE(Severity.ERROR);

    private final Severity severity;

    LintCode(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
