package dev.kqlhunt.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import dev.kqlhunt.lint.Finding;
import dev.kqlhunt.lint.Linter;
import dev.kqlhunt.lint.Severity;
import dev.kqlhunt.output.Counts;
import dev.kqlhunt.output.Terminal;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Checks rules and their tuning files without running anything. */
@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        description = "Checks rules and tuning files. Exits 1 when there are errors.")
final class LintCommand implements Callable<Integer> {

    /** Exit status when lint found at least one error. */
    static final int EXIT_FINDINGS = 1;

    @Parameters(
            paramLabel = "PATH",
            description = "Rule folder, folder of rule folders, rule.yaml or tuning.yaml."
                    + " Default: every folder under jobs/.")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() {
        List<Path> targets = paths.isEmpty() ? List.of(RuleFiles.defaultJobs()) : paths;
        List<Finding> findings = new Linter(LocalDate.now(ZoneOffset.UTC)).lint(targets);
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        for (Finding finding : findings) {
            System.out.println(Terminal.safe(finding.render()));
        }
        System.out.printf(
                "%s, %s%n",
                Counts.of(errors, "error"),
                Counts.of(findings.size() - errors, "warning"));
        return errors > 0 ? EXIT_FINDINGS : 0;
    }
}
