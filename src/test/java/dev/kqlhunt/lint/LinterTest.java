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
                        tuple(17, LintCode.ALWAYS_FALSE, "EventID"),
                        tuple(17, LintCode.EXCLUDES_NOTHING, "eq-different"),
                        tuple(21, LintCode.EXCLUDES_EVERYTHING, "nested"),
                        tuple(21, LintCode.ALWAYS_FALSE, "Source"));
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
