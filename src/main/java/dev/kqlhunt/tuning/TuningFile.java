package dev.kqlhunt.tuning;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * A rule's {@code tuning.yaml} as loaded: every exclusion, whether enabled or not.
 *
 * @param file the tuning file as given, for messages
 */
public record TuningFile(String file, List<Exclusion> exclusions) implements Serializable {

    /** The file name that a rule folder's tuning has, beside {@code rule.yaml}. */
    public static final String FILE_NAME = "tuning.yaml";

    public TuningFile {
        exclusions = List.copyOf(exclusions);
    }

    /** Returns the exclusions a hunt applies on {@code today}, in file order. */
    public List<Exclusion> active(LocalDate today) {
        return exclusions.stream().filter(exclusion -> exclusion.isActive(today)).toList();
    }
}
