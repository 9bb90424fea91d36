package dev.kqlhunt.rule;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Sentinel's trigger operators, compared against a window's result count. */
public enum TriggerOperator {
    GT("gt", "GreaterThan"),
    LT("lt", "LessThan"),
    EQ("eq", "Equal"),
    NE("ne", "NotEqual");

    private final String yamlName;
    private final String sentinelName;

    TriggerOperator(String yamlName, String sentinelName) {
        this.yamlName = yamlName;
        this.sentinelName = sentinelName;
    }

    /** Returns the name Sentinel shows in an alert's extended properties. */
    public String sentinelName() {
        return sentinelName;
    }

    public String yamlName() {
        return yamlName;
    }

    /** Returns whether a window with {@code count} results raises an alert. */
    public boolean fires(long count, long threshold) {
        return switch (this) {
            case GT -> count > threshold;
            case LT -> count < threshold;
            case EQ -> count == threshold;
            case NE -> count != threshold;
        };
    }

    /** Returns whether a window without any result can raise an alert. */
    public boolean firesOnEmptyWindow(long threshold) {
        return fires(0, threshold);
    }

    /**
     * Parses the value of {@code triggerOperator}, accepting the short YAML names and the names of
     * Sentinel's API in any case.
     */
    public static TriggerOperator parse(String value) {
        for (TriggerOperator operator : values()) {
            if (operator.yamlName.equalsIgnoreCase(value)
                    || operator.sentinelName.equalsIgnoreCase(value)) {
                return operator;
            }
        }
        throw new IllegalArgumentException(
                "unknown trigger operator '"
                        + value
                        + "', expected one of "
                        + Arrays.stream(values())
                                .map(TriggerOperator::yamlName)
                                .collect(Collectors.joining(", ")));
    }
}
