package dev.kqlhunt.backfill;

import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.Schedule;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule's windows in the range, sorted into finished (by an earlier run), gaps (input missing)
 * and pending (to evaluate now).
 */
record RuleWindows(
        List<Schedule.Window> all,
        int finished,
        List<BackfillReport.Gap> gaps,
        List<Schedule.Window> pending) {

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
            } else {
                pending.add(window);
            }
        }
        return new RuleWindows(List.copyOf(windows), finished, gaps, pending);
    }
}
