package dev.kqlhunt.hardening;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code kql-hunt hunt} with broken rule files. Each must exit with status 2 and a message
 * naming the file, line and column, before the output folder is created or a job starts.
 */
class RuleErrorsCliTest {

    private static final String RULE =
            String.join(
                    "\n",
                    "id: 11111111-2222-3333-4444-555555555555",
                    "name: Broken",
                    "severity: Medium",
                    "queryFrequency: 1h",
                    "queryPeriod: 2h",
                    "triggerOperator: gt",
                    "triggerThreshold: 0",
                    "query: |",
                    "  Event",
                    "  | where EventID == 4999",
                    "");

    @TempDir Path temp;

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                broken("triggerOperator: gt", "triggerOperator: gte",
                        ":6:18: unknown trigger operator 'gte'"),
                broken("queryFrequency: 1h", "queryFrequency: 1y",
                        ":4:17: invalid queryFrequency '1y'"),
                broken("queryPeriod: 2h", "queryPeriod: 30m",
                        ":5:14: queryPeriod 30m is shorter than queryFrequency 1h"),
                broken("queryPeriod: 2h", "queryPeriod: 15d",
                        ":5:14: queryPeriod 15d is outside Sentinel's range of 5 minutes to 14 days"),
                broken("queryFrequency: 1h", "queryFrequency: 4m",
                        ":4:17: queryFrequency 4m is outside Sentinel's range"),
                broken("severity: Medium", "severity: Urgent", ":3:11: invalid severity 'Urgent'"),
                broken("name: Broken", "name: [unclosed",
                        ":3:9: invalid YAML: expected ',' or ']'"),
                broken("name: Broken", "name: !!java.net.URL [x]",
                        ":2:7: invalid YAML: Global tag is not allowed"),
                broken("triggerThreshold: 0", "triggerThreshold: many",
                        ":7:19: triggerThreshold 'many' is not a whole number"),
                broken("  | where EventID == 4999", "  | where Source has \"x\"",
                        ":10:18: 'has' is not supported"),
                broken("  | where EventID == 4999", "  | summarize count() by Computer",
                        ":10:5: 'summarize' is not supported"),
                broken("  | where EventID == 4999", "  | where Sauce == \"x\"",
                        ":10:11: unknown column 'Sauce'"));
    }

    private static Arguments broken(String original, String replacement, String message) {
        return Arguments.of(original, replacement, message);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("brokenRules")
    void brokenRuleExitsWithUsageStatus(String original, String broken, String message)
            throws IOException {
        assertThat(RULE).contains(original);
        Path rule = write(RULE.replace(original, broken));

        HuntRun run = huntWith(rule);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("kql-hunt: " + rule + message);
        assertThat(Files.exists(run.out())).as("output folder").isFalse();
    }

    @Test
    void missingRequiredFieldIsNamed() throws IOException {
        Path rule = write(RULE.replace("severity: Medium\n", ""));

        HuntRun run = huntWith(rule);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.stderr())
                .startsWith("kql-hunt: " + rule + ":1:1: missing required field 'severity'");
    }

    @Test
    void entityMappingOfUnknownColumnIsNamed() throws IOException {
        Path rule =
                write(
                        RULE
                                + "entityMappings:\n"
                                + "  - entityType: Host\n"
                                + "    fieldMappings:\n"
                                + "      - identifier: HostName\n"
                                + "        columnName: HostName\n");

        HuntRun run = huntWith(rule);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.stderr())
                .contains(rule + ": entity mapping Host.HostName names column 'HostName'");
        assertThat(Files.exists(run.out())).as("output folder").isFalse();
    }

    private HuntRun huntWith(Path rule) throws IOException {
        Path events = RuleCases.write(temp.resolve("events.jsonl"), RuleCases.BEFORE);
        return HuntRun.hunt(rule, temp.resolve("out"), List.of(events));
    }

    private Path write(String yaml) throws IOException {
        Path file = temp.resolve("rule.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }
}
