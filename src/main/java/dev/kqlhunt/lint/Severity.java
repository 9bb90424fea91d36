package dev.kqlhunt.lint;

/** How bad a finding is: errors make {@code kql-hunt lint} exit non-zero, warnings do not. */
public enum Severity {
    ERROR,
    WARNING
}
