package dev.kqlhunt.lint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LinterTest {

    private static final Path RULE = Path.of("jobs/silk-typhoon-um-service-error/rule.yaml");
    private static final LocalDate TODAY = LocalDate.of(2025, 6, 1);

    @TempDir Path temp;

    private final Linter linter = new Linter(TODAY);

    @Test
    void seedExclusionsAsSuggestedAreAllFlagged() throws URISyntaxException {
        Path seed = Path.of(getClass().getResource("seed-exclusions.yaml").toURI());

        List<Finding> findings = linter.lintTuning(seed, RULE);

        assertThat(findings)
                .extracting(Finding::line, Finding::column, Finding::code, Finding::subject)
                .containsExactly(
                        // process.name != "schtasks.exe" OR process.name != "taskhost.exe"
                        tuple(9, 13, LintCode.ALWAYS_TRUE, "process.name"),
                        tuple(9, 13, LintCode.EXCLUDES_EVERYTHING,
                                "Scheduled System Maintenance Task"),
                        tuple(9, 13, LintCode.UNKNOWN_COLUMN, "process.name"),
                        tuple(9, 44, LintCode.KEYWORD_CASE, "OR"),
                        tuple(9, 47, LintCode.UNKNOWN_COLUMN, "process.name"),
                        // process.name != "wusa.exe" OR event_id != 6008: two columns, so not
                        // always true, but neither exists
                        tuple(13, 13, LintCode.UNKNOWN_COLUMN, "process.name"),
                        tuple(13, 40, LintCode.KEYWORD_CASE, "OR"),
                        tuple(13, 43, LintCode.UNKNOWN_COLUMN, "event_id"),
                        // process.name != "powershell.exe" OR user.name != "Domain\Administrator"
                        tuple(17, 13, LintCode.UNKNOWN_COLUMN, "process.name"),
                        tuple(17, 46, LintCode.KEYWORD_CASE, "OR"),
                        tuple(17, 49, LintCode.UNKNOWN_COLUMN, "user.name"),
                        tuple(17, 69, LintCode.INVALID_ESCAPE, "\\A"),
                        // process.name != "veeam.exe" OR process.name != "acronis.exe"
                        tuple(21, 13, LintCode.ALWAYS_TRUE, "process.name"),
                        tuple(21, 13, LintCode.EXCLUDES_EVERYTHING,
                                "Backup Software Performing Data Sync"),
                        tuple(21, 13, LintCode.UNKNOWN_COLUMN, "process.name"),
                        tuple(21, 41, LintCode.KEYWORD_CASE, "OR"),
                        tuple(21, 44, LintCode.UNKNOWN_COLUMN, "process.name"),
                        // process.name != "appveyor.exe" OR process.name != "AzureDevOps.exe"
                        tuple(25, 13, LintCode.ALWAYS_TRUE, "process.name"),
                        tuple(25, 13, LintCode.EXCLUDES_EVERYTHING,
                                "Application Compatibility Testing"),
                        tuple(25, 13, LintCode.UNKNOWN_COLUMN, "process.name"),
                        tuple(25, 44, LintCode.KEYWORD_CASE, "OR"),
                        tuple(25, 47, LintCode.UNKNOWN_COLUMN, "process.name"));
    }

    @Test
    void unknownColumnsSuggestTheClosestColumn() throws URISyntaxException {
        Path seed = Path.of(getClass().getResource("seed-exclusions.yaml").toURI());

        List<Finding> findings = linter.lintTuning(seed, RULE);

        assertThat(message(findings, "event_id"))
                .isEqualTo("unknown column 'event_id' in the rule's output columns; did you mean"
                        + " 'EventID'?");
        assertThat(message(findings, "user.name"))
                .contains("dotted names such as process.name belong to other log schemas")
                .endsWith("did you mean 'UserName'?");
        assertThat(message(findings, "process.name"))
                .endsWith("Event columns are flat names, none of them close to this one");
    }

    @Test
    void alwaysTrueMessageGivesBothRewrites() throws URISyntaxException {
        Path seed = Path.of(getClass().getResource("seed-exclusions.yaml").toURI());

        List<Finding> findings = linter.lintTuning(seed, RULE);

        Finding first = findings.get(0);
        assertThat(first.message())
                .isEqualTo("'process.name != \"schtasks.exe\" or process.name != \"taskhost.exe\"'"
                        + " is always true: no value of process.name equals both constants, so"
                        + " one inequality always holds. To keep rows with neither value write"
                        + " process.name !in (\"schtasks.exe\", \"taskhost.exe\"); a tuning"
                        + " exclusion names the rows to remove: process.name in"
                        + " (\"schtasks.exe\", \"taskhost.exe\")");
        assertThat(first.render()).startsWith(seed + ":9:13: error ALWAYS_TRUE: ");
    }

    @Test
    void logicChecksHandleCaseInsensitiveOperators() throws IOException {
        Path tuning = tuning(
                exclusion("ne-ignore-case", "Computer !~ \"a\" or Computer !~ \"b\""),
                exclusion("ne-same-folded", "Computer !~ \"exch\" or Computer != \"EXCH\""),
                exclusion("eq-mixed", "Computer =~ \"exch\" and Computer == \"EXCH\""),
                exclusion("eq-different", "EventID == 1 and EventID == 2"),
                exclusion("nested", "not(Source == \"a\" and Source == \"b\")"),
                exclusion("in-form", "Computer in~ (\"a\", \"b\")"));

        List<Finding> findings = linter.lintTuning(tuning, RULE);

        assertThat(findings)
                .extracting(Finding::line, Finding::code, Finding::subject)
                .containsExactly(
                        tuple(5, LintCode.ALWAYS_TRUE, "Computer"),
                        tuple(5, LintCode.EXCLUDES_EVERYTHING, "ne-ignore-case"),
                        // No expected result of the rule has Computer "exch" or "EXCH".
                        tuple(9, LintCode.EXCLUDES_EXPECTED_MATCHES, "ne-same-folded"),
                        tuple(17, LintCode.ALWAYS_FALSE, "EventID"),
                        tuple(17, LintCode.EXCLUDES_NOTHING, "eq-different"),
                        tuple(21, LintCode.EXCLUDES_EVERYTHING, "nested"),
                        tuple(21, LintCode.ALWAYS_FALSE, "Source"));
    }

    @Test
    void exclusionsTrueForEveryValueAreFlagged() throws IOException {
        Path tuning = tuning(
                exclusion("either", "isempty(Computer) or isnotempty(Computer)"),
                exclusion("either-not", "not(isempty(Computer)) or isempty(Computer)"),
                exclusion("strlen-zero", "strlen(Computer) >= 0"),
                exclusion("strlen-minus-one", "strlen(Computer) > -1"),
                exclusion("contains-empty", "RenderedDescription contains \"\""),
                exclusion("startswith-empty", "Computer startswith \"\""),
                exclusion("endswith-cs-empty", "RenderedDescription endswith_cs \"\""),
                exclusion("strlen-half", "0 < strlen(Computer) or strlen(Computer) != 1.5"));

        List<Finding> findings = linter.lintTuning(tuning, RULE);

        assertThat(findings)
                .extracting(Finding::line, Finding::column, Finding::code, Finding::subject)
                .containsExactly(
                        tuple(5, 13, LintCode.ALWAYS_TRUE, "Computer"),
                        tuple(5, 13, LintCode.EXCLUDES_EVERYTHING, "either"),
                        tuple(9, 13, LintCode.ALWAYS_TRUE, "Computer"),
                        tuple(9, 13, LintCode.EXCLUDES_EVERYTHING, "either-not"),
                        tuple(13, 13, LintCode.ALWAYS_TRUE, "Computer"),
                        tuple(13, 13, LintCode.EXCLUDES_EVERYTHING, "strlen-zero"),
                        tuple(17, 13, LintCode.ALWAYS_TRUE, "Computer"),
                        tuple(17, 13, LintCode.EXCLUDES_EVERYTHING, "strlen-minus-one"),
                        tuple(21, 13, LintCode.ALWAYS_TRUE, "RenderedDescription"),
                        tuple(21, 13, LintCode.EXCLUDES_EVERYTHING, "contains-empty"),
                        tuple(25, 13, LintCode.ALWAYS_TRUE, "Computer"),
                        tuple(25, 13, LintCode.EXCLUDES_EVERYTHING, "startswith-empty"),
                        tuple(29, 13, LintCode.ALWAYS_TRUE, "RenderedDescription"),
                        tuple(29, 13, LintCode.EXCLUDES_EVERYTHING, "endswith-cs-empty"),
                        tuple(33, 13, LintCode.EXCLUDES_EVERYTHING, "strlen-half"),
                        tuple(33, 37, LintCode.ALWAYS_TRUE, "Computer"));
        assertThat(findings.get(0).message())
                .isEqualTo("'isempty(Computer) or isnotempty(Computer)' is always true: every"
                        + " value is either empty or not. Write only isempty(Computer) to match"
                        + " empty values, or isnotempty(Computer) to match the others");
        assertThat(findings.get(4).message())
                .isEqualTo("'strlen(Computer) >= 0' is always true: strlen returns a count of"
                        + " characters, a whole number that is never negative. Write"
                        + " isnotempty(Computer) to match values that are not empty, or"
                        + " strlen(Computer) > N for longer values");
        assertThat(findings.get(8).message())
                .isEqualTo("'RenderedDescription contains \"\"' is always true: every string"
                        + " contains the empty string. Put the text to test between the quotes,"
                        + " or write isempty(RenderedDescription) to match empty values");
    }

    @Test
    void exclusionsTrueForNoValueAreFlagged() throws IOException {
        Path tuning = tuning(
                exclusion("not-contains-empty", "RenderedDescription !contains \"\""),
                exclusion("not-startswith-cs-empty", "Computer !startswith_cs \"\""),
                exclusion("strlen-negative", "strlen(Computer) < 0"),
                exclusion("strlen-equals-minus-one", "strlen(Computer) == -1"),
                exclusion("both", "isempty(Computer) and isnotempty(Computer)"));

        List<Finding> findings = linter.lintTuning(tuning, RULE);

        assertThat(findings)
                .extracting(Finding::line, Finding::column, Finding::code, Finding::subject)
                .containsExactly(
                        tuple(5, 13, LintCode.ALWAYS_FALSE, "RenderedDescription"),
                        tuple(5, 13, LintCode.EXCLUDES_NOTHING, "not-contains-empty"),
                        tuple(9, 13, LintCode.ALWAYS_FALSE, "Computer"),
                        tuple(9, 13, LintCode.EXCLUDES_NOTHING, "not-startswith-cs-empty"),
                        tuple(13, 13, LintCode.ALWAYS_FALSE, "Computer"),
                        tuple(13, 13, LintCode.EXCLUDES_NOTHING, "strlen-negative"),
                        tuple(17, 13, LintCode.ALWAYS_FALSE, "Computer"),
                        tuple(17, 13, LintCode.EXCLUDES_NOTHING, "strlen-equals-minus-one"),
                        tuple(21, 13, LintCode.ALWAYS_FALSE, "Computer"),
                        tuple(21, 13, LintCode.EXCLUDES_NOTHING, "both"));
        assertThat(findings.get(0).message())
                .isEqualTo("'RenderedDescription !contains \"\"' is always false: every string"
                        + " contains the empty string. Put the text to test between the quotes,"
                        + " or write isnotempty(RenderedDescription) to match values that are"
                        + " not empty");
        assertThat(findings.get(4).message())
                .isEqualTo("'strlen(Computer) < 0' is always false: strlen returns a count of"
                        + " characters, a whole number that is never negative. Write"
                        + " isempty(Computer) to match empty values");
    }

    @Test
    void valueDependentExclusionsPass() throws IOException {
        Path tuning = tuning(
                exclusion("longer", "strlen(Computer) > 0"),
                exclusion("half", "strlen(Computer) >= 0.5"),
                exclusion("empty", "Computer == \"\""),
                exclusion("two-columns", "isempty(Computer) or isnotempty(HostName)"),
                exclusion("text", "RenderedDescription contains \"UMWorkerProcess\""),
                exclusion("case-sensitive", "EventLevelName == \"Error\""),
                exclusion("narrower", "Source startswith \"MSExchangeIS\""),
                exclusion("both-tests", "Computer =~ \"x\" and EventLevelName =~ \"error\""));

        assertThat(linter.lintTuning(tuning, RULE)).isEmpty();
    }

    @Test
    void exclusionsTheRuleAlreadyRequiresAreFlagged() throws IOException {
        Path tuning = tuning(
                exclusion("level", "EventLevelName =~ \"error\""),
                exclusion("level-upper", "EventLevelName =~ \"ERROR\""),
                exclusion("source-prefix", "Source startswith \"msex\""),
                exclusion("log-not-system", "EventLog !~ \"System\""),
                exclusion("level-list", "EventLevelName in~ (\"error\", \"warning\")"),
                exclusion("source-length", "strlen(Source) > 5 and isnotempty(Source)"),
                exclusion("either", "Computer =~ \"x\" or EventLevelName =~ \"error\""));

        List<Finding> findings = linter.lintTuning(tuning, RULE);

        assertThat(findings)
                .extracting(Finding::line, Finding::column, Finding::code, Finding::subject)
                .containsExactly(
                        tuple(5, 13, LintCode.EXCLUDES_EVERYTHING, "level"),
                        tuple(9, 13, LintCode.EXCLUDES_EVERYTHING, "level-upper"),
                        tuple(13, 13, LintCode.EXCLUDES_EVERYTHING, "source-prefix"),
                        tuple(17, 13, LintCode.EXCLUDES_EVERYTHING, "log-not-system"),
                        tuple(21, 13, LintCode.EXCLUDES_EVERYTHING, "level-list"),
                        tuple(25, 13, LintCode.EXCLUDES_EVERYTHING, "source-length"),
                        tuple(29, 13, LintCode.EXCLUDES_EVERYTHING, "either"));
        assertThat(findings.get(1).message())
                .isEqualTo("exclusion 'level-upper' is true for every result because the rule's"
                        + " query already requires EventLevelName =~ \"error\" (line 20 of "
                        + RULE + "), so enabling it removes every result of the rule. Drop the"
                        + " tests that the query already makes and test what sets the false"
                        + " positive apart, such as its host or a phrase of its text");
    }

    @Test
    void exclusionsTheRuleRulesOutAreFlagged() throws IOException {
        Path tuning = tuning(
                exclusion("system-log", "EventLog == \"System\""),
                exclusion("out-of-memory",
                        "RenderedDescription contains \"System.OutOfMemoryException at\""),
                exclusion("other-source", "Source startswith \"Microsoft-Windows\""));

        List<Finding> findings = linter.lintTuning(tuning, RULE);

        assertThat(findings)
                .extracting(Finding::line, Finding::column, Finding::code, Finding::subject)
                .containsExactly(
                        tuple(5, 13, LintCode.EXCLUDES_NOTHING, "system-log"),
                        tuple(9, 13, LintCode.EXCLUDES_NOTHING, "out-of-memory"),
                        tuple(13, 13, LintCode.EXCLUDES_NOTHING, "other-source"));
        assertThat(findings.get(1).message())
                .isEqualTo("exclusion 'out-of-memory' is true for no result because the rule's"
                        + " query requires RenderedDescription !contains"
                        + " \"System.OutOfMemoryException\" (line 22 of " + RULE + "), so it"
                        + " never removes anything. Test values that the rule's results can"
                        + " have");
    }

    @Test
    void renamedColumnKeepsTheRulesRequirement() throws IOException {
        Path folder = ruleFolder("""
                  Event
                  | where EventLevelName =~ "error" and Computer startswith "exch"
                  | extend HostNameDomain = Computer
                  | project-rename Level = EventLevelName
                  | extend Computer = tolower(Computer)
                """);
        Files.writeString(folder.resolve("tuning.yaml"), "exclusions:\n"
                + exclusion("renamed", "Level =~ \"ERROR\"")
                + exclusion("old-name", "HostNameDomain startswith \"EXCH\"")
                + exclusion("computed-again", "Computer startswith \"exch\""),
                StandardCharsets.UTF_8);

        List<Finding> findings = linter.lint(List.of(folder));

        assertThat(findings)
                .extracting(Finding::line, Finding::column, Finding::code, Finding::subject)
                .containsExactly(
                        tuple(5, 13, LintCode.EXCLUDES_EVERYTHING, "renamed"),
                        tuple(9, 13, LintCode.EXCLUDES_EVERYTHING, "old-name"));
    }

    @Test
    void exclusionOfEveryExpectedMatchIsAWarning() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("silk").resolve("tests"))
                .getParent();
        Path job = RULE.getParent();
        Files.copy(RULE, folder.resolve("rule.yaml"));
        Files.copy(job.resolve("tests/expected-matches.jsonl"),
                folder.resolve("tests/expected-matches.jsonl"));
        Files.writeString(folder.resolve("tuning.yaml"), "exclusions:\n"
                + exclusion("service account", "UserName == \"N/A\"")
                + exclusion("some hosts", "UserName == \"N/A\" and Computer contains \"exch\"")
                + exclusion("numbers", "UserName == \"N/A\" and EventID > 0")
                + exclusion("disabled", "UserName =~ \"n/a\"") + "    enabled: false\n",
                StandardCharsets.UTF_8);

        List<Finding> findings = linter.lint(List.of(folder));

        assertThat(findings)
                .extracting(Finding::line, Finding::column, Finding::code, Finding::severity)
                .containsExactly(
                        tuple(5, 13, LintCode.EXCLUDES_EXPECTED_MATCHES, Severity.WARNING));
        assertThat(findings.get(0).message())
                .isEqualTo("exclusion 'service account' is true for all 15 rows of "
                        + folder.resolve("tests/expected-matches.jsonl") + ", the results that"
                        + " the rule's test cases expect, so enabling it removes every known"
                        + " true positive. Narrow it to the false positive it describes, such as"
                        + " by its host or a phrase of its text");
    }

    @Test
    void expiredAndDuplicateExclusionsAreFlagged() throws IOException {
        Path tuning = tuning(
                exclusion("lab hosts", "Computer =~ \"lab\"") + "    expires: 2025-05-31\n",
                exclusion("lab hosts", "Computer =~ \"lab2\"") + "    expires: 2025-06-01\n");

        List<Finding> findings = linter.lintTuning(tuning, RULE);

        assertThat(findings)
                .extracting(Finding::line, Finding::column, Finding::code, Finding::severity)
                .containsExactly(
                        tuple(6, 14, LintCode.EXCLUSION_EXPIRED, Severity.WARNING),
                        tuple(7, 11, LintCode.DUPLICATE_EXCLUSION, Severity.ERROR));
        assertThat(findings.get(0).message())
                .isEqualTo("exclusion 'lab hosts' expired on 2025-05-31 and is no longer applied;"
                        + " review it, then extend or remove it");
    }

    @Test
    void ruleQueryColumnsAndLogicAreChecked() throws IOException {
        Path folder = ruleFolder("""
                  Event
                  | where event_id == 1001 or Source != "a" or Source != "b"
                  | extend HostName = tostring(split(Computer, ".")[0])
                  | project Computer, HostName
                """);

        List<Finding> findings = linter.lint(List.of(folder));

        assertThat(findings)
                .extracting(Finding::line, Finding::column, Finding::code, Finding::subject)
                .containsExactly(
                        tuple(10, 11, LintCode.UNKNOWN_COLUMN, "event_id"),
                        tuple(10, 31, LintCode.ALWAYS_TRUE, "Source"),
                        tuple(19, 21, LintCode.ENTITY_COLUMN_MISSING, "HostNameDomain"));
        assertThat(findings.get(0).message())
                .isEqualTo("unknown column 'event_id' in the Event table or the columns the"
                        + " query computed before; did you mean 'EventID'?");
    }

    @Test
    void unsupportedQueryNamesTheConstruct() throws IOException {
        Path folder = ruleFolder("""
                  Event
                  | where EventLog =~ "Application"
                  | summarize count() by Computer
                """);

        List<Finding> findings = linter.lint(List.of(folder));

        assertThat(findings)
                .extracting(Finding::line, Finding::column, Finding::code, Finding::subject)
                .containsExactly(tuple(11, 5, LintCode.UNSUPPORTED_KQL, "summarize"));
        assertThat(findings.get(0).message())
                .isEqualTo("'summarize' is not supported: only where, extend, project,"
                        + " project-away and project-rename are");
    }

    @Test
    void bundledRulesAndTuningHaveNoFindings() {
        assertThat(linter.lint(List.of(Path.of("jobs")))).isEmpty();
    }

    private Path tuning(String... exclusions) throws IOException {
        Path file = temp.resolve("tuning.yaml");
        Files.writeString(file, "exclusions:\n" + String.join("", exclusions),
                StandardCharsets.UTF_8);
        return file;
    }

    /** Returns an exclusion of four lines, with where on the fourth: lines 5, 9, 13, ... */
    private static String exclusion(String name, String where) {
        return "  - name: " + name + "\n"
                + "    reason: test\n"
                + "    owner: test\n"
                + "    where: '" + where.replace("'", "''") + "'\n";
    }

    private Path ruleFolder(String query) throws IOException {
        Path folder = Files.createDirectories(temp.resolve("rule"));
        String rule = """
                id: 00000000-0000-0000-0000-000000000001
                name: Lint test
                severity: Low
                queryFrequency: 1d
                queryPeriod: 1d
                triggerOperator: gt
                triggerThreshold: 0
                query: |
                """ + query + """
                entityMappings:
                  - entityType: Host
                    fieldMappings:
                      - identifier: FullName
                        columnName: Computer
                      - identifier: NTDomain
                        columnName: HostNameDomain
                """;
        Files.writeString(folder.resolve("rule.yaml"), rule, StandardCharsets.UTF_8);
        return folder;
    }

    private static String message(List<Finding> findings, String subject) {
        return findings.stream()
                .filter(finding -> finding.code() == LintCode.UNKNOWN_COLUMN)
                .filter(finding -> finding.subject().equals(subject))
                .findFirst()
                .orElseThrow()
                .message();
    }
}
