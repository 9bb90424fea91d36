package dev.kqlhunt.lint;

import dev.kqlhunt.kql.Expr;
import dev.kqlhunt.kql.KqlCompiler;
import dev.kqlhunt.kql.KqlException;
import dev.kqlhunt.kql.KqlParser;
import dev.kqlhunt.kql.KqlPosition;
import dev.kqlhunt.kql.KqlSource;
import dev.kqlhunt.rule.RuleException;
import dev.kqlhunt.tuning.Exclusion;
import dev.kqlhunt.tuning.TuningFile;
import dev.kqlhunt.tuning.TuningLoader;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lints a tuning file against its rule's output: duplicate names, expired exclusions, and for
 * every exclusion, enabled or not, the columns it reads and whether it excludes everything or
 * nothing.
 */
final class TuningLint {

    private final List<Finding> findings;
    private final LocalDate today;
    private final boolean activeOnly;

    TuningLint(List<Finding> findings, LocalDate today) {
        this(findings, today, false);
    }

    /**
     * @param activeOnly whether to check the predicates of active exclusions only. A run that
     *     applies the file needs no more, because it does not apply disabled and expired ones.
     */
    TuningLint(List<Finding> findings, LocalDate today, boolean activeOnly) {
        this.findings = findings;
        this.today = today;
        this.activeOnly = activeOnly;
    }

    void lint(Path file, RuleLint.Outline rule) {
        TuningFile tuning;
        try {
            tuning = TuningLoader.load(file);
        } catch (RuleException e) {
            findings.add(Findings.fromMessage(LintCode.INVALID_FILE, file.toString(),
                    e.getMessage()));
            return;
        }
        Map<String, Exclusion> seen = new HashMap<>();
        for (Exclusion exclusion : tuning.exclusions()) {
            Exclusion first = seen.putIfAbsent(exclusion.name(), exclusion);
            if (first != null) {
                add(tuning, exclusion.at(), LintCode.DUPLICATE_EXCLUSION, exclusion.name(),
                        "exclusion name '" + exclusion.name() + "' is already used on line "
                                + first.at().line() + "; hunt summaries and alerts count"
                                + " excluded results by name");
            }
            if (exclusion.isExpired(today)) {
                add(tuning, exclusion.expiresAt(), LintCode.EXCLUSION_EXPIRED, exclusion.name(),
                        "exclusion '" + exclusion.name() + "' expired on " + exclusion.expires()
                                + " and is no longer applied; review it, then extend or remove"
                                + " it");
            }
            if (!activeOnly || exclusion.isActive(today)) {
                where(exclusion, rule);
            }
        }
    }

    private void add(TuningFile tuning, Exclusion.At at, LintCode code, String subject,
            String message) {
        findings.add(new Finding(code, tuning.file(), at.line(), at.column(), subject, message));
    }

    private void where(Exclusion exclusion, RuleLint.Outline rule) {
        KqlSource written = exclusion.where();
        LenientText lenient = LenientText.rewrite(written.text());
        KqlSource source = new KqlSource(written.fileName(), lenient.text(), written.firstLine(),
                written.indent());
        List<LenientText.Problem> problems = new ArrayList<>(lenient.problems());
        Expr predicate;
        try {
            predicate = KqlParser.parseExpression(source);
        } catch (KqlException e) {
            Findings.addAll(findings, source, problems);
            findings.add(Findings.fromException(LintCode.UNSUPPORTED_KQL, e));
            return;
        }
        ColumnCheck check = new ColumnCheck(
                rule.names() == null ? List.of() : rule.names(),
                "the rule's output columns", lenient.dottedNames(), problems);
        if (rule.names() != null) {
            check.check(predicate);
        }
        PredicateLogic logic = new PredicateLogic(check::nameOf);
        PredicateLogic.Truth truth = logic.evaluate(predicate);
        problems.addAll(logic.problems());
        KqlPosition start = new KqlPosition(0, 1);
        if (truth == PredicateLogic.Truth.TRUE) {
            problems.add(new LenientText.Problem(LintCode.EXCLUDES_EVERYTHING, start,
                    exclusion.name(), "exclusion '" + exclusion.name() + "' is true for every"
                            + " result, so enabling it removes every result of the rule"));
        } else if (truth == PredicateLogic.Truth.FALSE) {
            problems.add(new LenientText.Problem(LintCode.EXCLUDES_NOTHING, start,
                    exclusion.name(), "exclusion '" + exclusion.name() + "' is true for no"
                            + " result, so it never removes anything"));
        } else {
            LenientText.Problem problem = byRule(exclusion, predicate, check, rule.facts());
            if (problem == null && exclusion.enabled() && rule.expected() != null) {
                problem = byExpected(exclusion, predicate, check, rule.expected());
            }
            if (problem != null) {
                problems.add(problem);
            }
        }
        Findings.addAll(findings, source, problems);
        if (problems.isEmpty() && rule.columns() != null) {
            try {
                KqlCompiler.compilePredicate(source, rule.columns());
            } catch (KqlException e) {
                findings.add(Findings.fromException(LintCode.UNSUPPORTED_KQL, e));
            }
        }
    }

    /**
     * Returns the problem of an exclusion that the rule's query decides: true for every result
     * because the query requires what it tests, or true for none because the query rules it out.
     */
    private static LenientText.Problem byRule(Exclusion exclusion, Expr predicate,
            ColumnCheck check, ColumnFacts ruleFacts) {
        if (ruleFacts.isEmpty()) {
            return null;
        }
        ColumnFacts facts = ruleFacts.copy();
        PredicateLogic.Truth truth = new PredicateLogic(check::nameOf, facts).evaluate(predicate);
        if (truth == PredicateLogic.Truth.UNKNOWN) {
            return null;
        }
        String requirements = facts.used().stream()
                .map(ColumnFacts.Fact::description)
                .collect(Collectors.joining("; "));
        String name = exclusion.name();
        KqlPosition start = new KqlPosition(0, 1);
        if (truth == PredicateLogic.Truth.TRUE) {
            return new LenientText.Problem(LintCode.EXCLUDES_EVERYTHING, start, name,
                    "exclusion '" + name + "' is true for every result because the rule's query"
                            + " already requires " + requirements + ", so enabling it removes"
                            + " every result of the rule. Drop the tests that the query already"
                            + " makes and test what sets the false positive apart, such as its"
                            + " host or a phrase of its text");
        }
        return new LenientText.Problem(LintCode.EXCLUDES_NOTHING, start, name,
                "exclusion '" + name + "' is true for no result because the rule's query"
                        + " requires " + requirements + ", so it never removes anything. Test"
                        + " values that the rule's results can have");
    }

    /**
     * Returns a warning for an exclusion that is true for every expected result of the rule's
     * test cases. A row where the exclusion is undecided, such as a test of a number, leaves
     * the exclusion without a warning.
     */
    private static LenientText.Problem byExpected(Exclusion exclusion, Expr predicate,
            ColumnCheck check, ExpectedMatches expected) {
        if (expected.rows().isEmpty()) {
            return null;
        }
        for (Map<String, String> row : expected.rows()) {
            ColumnFacts values = ColumnFacts.ofValues(row);
            PredicateLogic logic = new PredicateLogic(check::nameOf, values);
            if (logic.evaluate(predicate) != PredicateLogic.Truth.TRUE) {
                return null;
            }
        }
        String name = exclusion.name();
        return new LenientText.Problem(LintCode.EXCLUDES_EXPECTED_MATCHES, new KqlPosition(0, 1),
                name, "exclusion '" + name + "' is true for all " + expected.rows().size()
                        + " rows of " + expected.file() + ", the results that the rule's test"
                        + " cases expect, so enabling it removes every known true positive."
                        + " Narrow it to the false positive it describes, such as by its host or"
                        + " a phrase of its text");
    }
}
