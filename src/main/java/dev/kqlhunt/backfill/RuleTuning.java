package dev.kqlhunt.backfill;

import dev.kqlhunt.kql.OutputColumn;
import dev.kqlhunt.tuning.Exclusion;
import dev.kqlhunt.tuning.Tuning;
import dev.kqlhunt.tuning.TuningFile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A rule's tuning as a backfill applies it to every window of the rule: the exclusions that are
 * active on the date the backfill starts, as in a hunt, and those left out.
 *
 * @param file the tuning file as given, or null when the backfill applies none
 * @param disabled exclusions not applied because they are disabled, in file order
 * @param expired exclusions not applied because their expiry date has passed, in file order
 * @param sha256 SHA-256 of the applied exclusions' names and predicates, or an empty string when
 *     none applies. A window counts as finished only with the same value.
 */
record RuleTuning(
        String file, Tuning tuning, List<String> disabled, List<String> expired, String sha256) {

    /** No tuning file: every result is kept. */
    static final RuleTuning NONE = new RuleTuning(null, Tuning.NONE, List.of(), List.of(), "");

    RuleTuning {
        disabled = List.copyOf(disabled);
        expired = List.copyOf(expired);
    }

    /**
     * Compiles the exclusions of {@code file} that are active on {@code today}.
     *
     * @throws dev.kqlhunt.kql.KqlException naming the tuning file, line and column of a predicate
     *     that does not compile
     */
    static RuleTuning compile(TuningFile file, List<OutputColumn> columns, LocalDate today) {
        List<String> disabled = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        for (Exclusion exclusion : file.exclusions()) {
            if (!exclusion.enabled()) {
                disabled.add(exclusion.name());
            } else if (exclusion.isExpired(today)) {
                expired.add(exclusion.name());
            }
        }
        return new RuleTuning(
                file.file(),
                Tuning.compile(file, columns, today),
                disabled,
                expired,
                sha256(file.active(today)));
    }

    /** Returns whether the backfill applies a tuning file, even one without active exclusions. */
    boolean isPresent() {
        return file != null;
    }

    /** Returns the names of the applied exclusions, in file order. */
    List<String> applied() {
        return tuning.names();
    }

    private static String sha256(List<Exclusion> active) {
        if (active.isEmpty()) {
            return "";
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Exclusion exclusion : active) {
                // The NUL separators keep "ab" + "c" apart from "a" + "bc".
                digest.update(exclusion.name().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(exclusion.where().text().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
