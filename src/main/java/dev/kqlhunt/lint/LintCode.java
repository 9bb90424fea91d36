package dev.kqlhunt.lint;

/** What a finding is about, with its severity. */
public enum LintCode {
    /** A disjunction of inequalities on one column with different constants. */
    ALWAYS_TRUE(Severity.ERROR),
    /** A conjunction of equalities on one column with different constants. */
    ALWAYS_FALSE(Severity.ERROR),
    /** An exclusion whose predicate is true for every result. */
    EXCLUDES_EVERYTHING(Severity.ERROR),
    /** An exclusion whose predicate is true for no result. */
    EXCLUDES_NOTHING(Severity.ERROR),
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
