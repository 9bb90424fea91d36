package dev.kqlhunt.cli;

import dev.kqlhunt.lint.Finding;
import dev.kqlhunt.lint.Linter;
import dev.kqlhunt.lint.Severity;
import dev.kqlhunt.output.Terminal;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.tuning.TuningFile;
import dev.kqlhunt.tuning.TuningLoader;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lints the tuning files that a hunt, backfill or watch would apply, before it touches its
 * output folder. One exclusion that lint flags, such as one that is true for every result, would
 * hide every alert of its rule, so a lint error stops the run. Warnings, such as an expired
 * exclusion, are printed and the run goes on. Disabled and expired exclusions are not applied,
 * so their predicates are not checked here; {@code kql-hunt lint} checks them.
 */
final class TuningCheck {

    private final Linter linter = new Linter(LocalDate.now(ZoneOffset.UTC));
    private final List<Finding> findings = new ArrayList<>();

    /**
     * Loads the tuning file beside {@code ruleFile}, if there is one, into {@code tuning} under the
     * rule's folder, and lints it.
     */
    void loadBeside(Path ruleFile, Rule rule, Map<String, TuningFile> tuning) {
        TuningLoader.besideRule(ruleFile).ifPresent(found -> {
            tuning.put(rule.folder(), found);
            lint(ruleFile, found);
        });
    }

    /** Lints {@code tuning} against the rule file it belongs to. */
    void lint(Path ruleFile, TuningFile tuning) {
        findings.addAll(linter.lintAppliedTuning(Path.of(tuning.file()), ruleFile));
    }

    /**
     * Prints every finding to {@code err} as {@code kql-hunt lint} does, and returns whether the
     * run may start: true unless a finding is an error.
     */
    boolean report(PrintStream err) {
        long errors = 0;
        for (Finding finding : findings) {
            err.println(Terminal.safe(finding.render()));
            if (finding.severity() == Severity.ERROR) {
                errors++;
            }
        }
        if (errors > 0) {
            err.println("kql-hunt: " + errors + " lint error(s) in tuning files; fix the"
                    + " exclusions above, or pass --no-tuning to run without tuning");
        }
        return errors == 0;
    }
}
