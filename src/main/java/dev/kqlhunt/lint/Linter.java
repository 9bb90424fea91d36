package dev.kqlhunt.lint;

import dev.kqlhunt.tuning.TuningFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Lints rule folders: each {@code rule.yaml} and the {@code tuning.yaml} beside it. */
public final class Linter {

    /** The rule file name in a rule folder. */
    public static final String RULE_FILE = "rule.yaml";

    private final LocalDate today;

    /** @param today the date that decides whether an exclusion has expired */
    public Linter(LocalDate today) {
        this.today = today;
    }

    /**
     * Lints each path: a rule folder, a folder of rule folders, a {@code rule.yaml} or a {@code
     * tuning.yaml} (checked against the {@code rule.yaml} beside it). Returns the findings in
     * file, line and column order.
     *
     * @throws IllegalArgumentException for a path that does not exist or holds no rule folder
     */
    public List<Finding> lint(List<Path> paths) {
        List<Finding> findings = new ArrayList<>();
        for (Path path : paths) {
            for (Path folder : folders(path)) {
                lintFolder(folder, findings);
            }
            if (Files.isRegularFile(path)) {
                lintFile(path, findings);
            }
        }
        findings.sort(Finding.ORDER);
        return findings;
    }

    /** Lints a tuning file against a rule file that may be elsewhere. */
    public List<Finding> lintTuning(Path tuningFile, Path ruleFile) {
        return lintTuning(tuningFile, ruleFile, false);
    }

    /**
     * Lints a tuning file against a rule file that may be elsewhere, as a run that applies it
     * needs: the predicates of disabled and expired exclusions are not checked.
     */
    public List<Finding> lintAppliedTuning(Path tuningFile, Path ruleFile) {
        return lintTuning(tuningFile, ruleFile, true);
    }

    private List<Finding> lintTuning(Path tuningFile, Path ruleFile, boolean activeOnly) {
        List<Finding> findings = new ArrayList<>();
        RuleLint.Outline rule = new RuleLint(new ArrayList<>()).lint(ruleFile);
        new TuningLint(findings, today, activeOnly).lint(tuningFile, rule);
        findings.sort(Finding.ORDER);
        return findings;
    }

    private void lintFolder(Path folder, List<Finding> findings) {
        RuleLint.Outline rule = new RuleLint(findings).lint(folder.resolve(RULE_FILE));
        Path tuning = folder.resolve(TuningFile.FILE_NAME);
        if (Files.isRegularFile(tuning)) {
            new TuningLint(findings, today).lint(tuning, rule);
        }
    }

    private void lintFile(Path file, List<Finding> findings) {
        if (file.getFileName().toString().equals(TuningFile.FILE_NAME)) {
            Path rule = file.resolveSibling(RULE_FILE);
            List<Finding> ruleFindings = new ArrayList<>();
            RuleLint.Outline outline = Files.isRegularFile(rule)
                    ? new RuleLint(ruleFindings).lint(rule)
                    : RuleLint.Outline.UNKNOWN;
            new TuningLint(findings, today).lint(file, outline);
        } else {
            new RuleLint(findings).lint(file);
        }
    }

    /** Returns the rule folders under {@code path}: itself or its children with a rule.yaml. */
    private static List<Path> folders(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of();
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("rule file or folder not found: " + path);
        }
        if (Files.isRegularFile(path.resolve(RULE_FILE))) {
            return List.of(path);
        }
        try (Stream<Path> children = Files.list(path)) {
            List<Path> folders = children.filter(child ->
                    Files.isRegularFile(child.resolve(RULE_FILE))).sorted().toList();
            if (folders.isEmpty()) {
                throw new IllegalArgumentException("no " + RULE_FILE + " found under " + path);
            }
            return folders;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list rule folder " + path, e);
        }
    }
}
