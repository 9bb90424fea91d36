package dev.kqlhunt.backfill;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of a backfill, rule by rule. */
public record BackfillReport(List<RuleReport> rules) {

    public BackfillReport {
        rules = List.copyOf(rules);
    }

    /** A window that was not evaluated because whole days of its input are missing. */
    public record Gap(String window, List<LocalDate> missingDays) {

        public Gap {
            missingDays = List.copyOf(missingDays);
        }
    }

    /**
     * A window that was evaluated and written while days after its end, into which its rows may
     * still be exported, were missing from the archive. The next run evaluates it again.
     */
    public record Incomplete(String window, List<LocalDate> missingLateDays) {

        public Incomplete {
            missingLateDays = List.copyOf(missingLateDays);
        }
    }

    /**
     * One rule's windows in the range.
     *
     * @param windows every window of the range
     * @param alreadyFinished windows an earlier run finished, left as they are
     * @param evaluated windows this run evaluated and published
     * @param gaps windows without input, neither evaluated nor published
     * @param incomplete windows this run evaluated and published without all their late-export
     *     days, which the next run evaluates again
     * @param recordsRead records read by this run's jobs, partition slack included
     * @param matches results of the windows this run evaluated
     * @param alerts alerts of the windows this run evaluated
     * @param tuning what the rule's tuning removed from those windows, or null when the backfill
     *     applied no tuning file to the rule
     */
    public record RuleReport(
            String rule,
            int windows,
            int alreadyFinished,
            int evaluated,
            List<Gap> gaps,
            List<Incomplete> incomplete,
            long recordsRead,
            long matches,
            long alerts,
            TuningReport tuning) {

        public RuleReport {
            gaps = List.copyOf(gaps);
            incomplete = List.copyOf(incomplete);
        }
    }

    /**
     * The results a rule's tuning removed from the windows a run evaluated, and the exclusions it
     * left out.
     *
     * @param file the tuning file as given
     * @param excludedBy results each applied exclusion removed, summed over the windows, by
     *     exclusion name in file order
     * @param disabled exclusions not applied because they are disabled
     * @param expired exclusions not applied because their expiry date has passed
     */
    public record TuningReport(
            String file,
            Map<String, Long> excludedBy,
            List<String> disabled,
            List<String> expired) {

        public TuningReport {
            excludedBy = Collections.unmodifiableMap(new LinkedHashMap<>(excludedBy));
            disabled = List.copyOf(disabled);
            expired = List.copyOf(expired);
        }
    }
}
