package dev.kqlhunt.tuning;

import dev.kqlhunt.kql.KqlSource;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One entry of a rule's {@code tuning.yaml}: a known false positive and the predicate that
 * recognises it among the rule's results.
 *
 * @param expires the last UTC date on which the exclusion applies, or null for no expiry
 * @param where a KQL predicate over the rule's output columns
 * @param at where the entry's {@code name} value is in the tuning file
 * @param expiresAt where the {@code expires} value is, or null without one
 */
public record Exclusion(
        String name,
        String reason,
        String owner,
        LocalDate expires,
        boolean enabled,
        KqlSource where,
        At at,
        At expiresAt)
        implements Serializable {

    /** A 1-based line and column in the tuning file. */
    public record At(int line, int column) implements Serializable {}

    /** Returns whether the exclusion has passed its expiry date on {@code today}. */
    public boolean isExpired(LocalDate today) {
        return expires != null && today.isAfter(expires);
    }

    /** Returns whether the hunt applies the exclusion on {@code today}: enabled and not expired. */
    public boolean isActive(LocalDate today) {
        return enabled && !isExpired(today);
    }
}
