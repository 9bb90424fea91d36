package dev.kqlhunt.backfill;

import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.Schedule;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule's windows in the range, sorted into finished (by an earlier run), gaps (input missing)
 * and pending (to evaluate now). The pending windows whose late-export days are not in the
 * archive yet are also listed as incomplete: they are evaluated and written, and the next run
 * evaluates them again.
 */
record RuleWindows(
        List<Schedule.Window> all,
        int finished,
        List<BackfillReport.Gap> gaps,
        List<Schedule.Window> pending,
        List<BackfillReport.Incomplete> incomplete) {

    /** Returns the late-export days a pending window misses, empty for a complete window. */
    List<LocalDate> missingLateDays(String window) {
        return incomplete.stream()
                .filter(entry -> entry.window().equals(window))
                .findFirst()
                .map(BackfillReport.Incomplete::missingLateDays)
                .orElse(List.of());
    }

    static RuleWindows sort(
            Rule rule,
            RuleTuning tuning,
            List<Schedule.Window> windows,
            ArchiveIndex index,
            BackfillFolder folder,
            boolean force)
            throws IOException {
        int finished = 0;
        List<BackfillReport.Gap> gaps = new ArrayList<>();
        List<Schedule.Window> pending = new ArrayList<>();
        List<BackfillReport.Incomplete> incomplete = new ArrayList<>();
        for (Schedule.Window window : windows) {
            String name = BackfillWindows.name(window);
            if (!force
                    && WindowSummary.isFinished(
                            folder.windowDirectory(rule.folder(), name), rule, tuning)) {
                finished++;
                continue;
            }
            List<LocalDate> missing = index.missingDays(window);
            if (!missing.isEmpty()) {
                gaps.add(new BackfillReport.Gap(name, missing));
                continue;
            }
            pending.add(window);
            List<LocalDate> missingLate = index.missingLateDays(window);
            if (!missingLate.isEmpty()) {
                incomplete.add(new BackfillReport.Incomplete(name, missingLate));
            }
        }
        return new RuleWindows(List.copyOf(windows), finished, gaps, pending, incomplete);
    }
}
