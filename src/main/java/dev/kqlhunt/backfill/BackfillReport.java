package dev.kqlhunt.backfill;

import java.time.LocalDate;
import java.util.List;

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
     * One rule's windows in the range.
     *
     * @param windows every window of the range
     * @param alreadyFinished windows an earlier run finished, left as they are
     * @param evaluated windows this run evaluated and published
     * @param gaps windows without input, neither evaluated nor published
     * @param recordsRead records read by this run's jobs, partition slack included
     * @param matches results of the windows this run evaluated
     * @param alerts alerts of the windows this run evaluated
     */
    public record RuleReport(
            String rule,
            int windows,
            int alreadyFinished,
            int evaluated,
            List<Gap> gaps,
            long recordsRead,
            long matches,
            long alerts) {

        public RuleReport {
            gaps = List.copyOf(gaps);
        }
    }
}
