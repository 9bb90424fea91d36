package dev.kqlhunt.rule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleLoaderTest {

    private static final Path SILK_TYPHOON =
            Path.of("jobs/silk-typhoon-um-service-error/rule.yaml");

    private static final String MINIMAL =
            String.join(
                    "\n",
                    "id: 11111111-2222-3333-4444-555555555555",
                    "name: Minimal",
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

    @Test
    void loadsEveryFieldOfSilkTyphoonRule() {
        Rule rule = RuleLoader.load(SILK_TYPHOON);

        assertThat(rule.id()).isEqualTo("0625fcce-6d52-491e-8c68-1d9b801d25b9");
        assertThat(rule.name()).isEqualTo("Silk Typhoon Suspicious UM Service Error");
        assertThat(rule.version()).isEqualTo("1.0.4");
        assertThat(rule.severity()).isEqualTo("Low");
        assertThat(rule.tactics()).containsExactly("InitialAccess");
        assertThat(rule.techniques()).containsExactly("T1190");
        assertThat(rule.schedule().frequency()).isEqualTo(Duration.ofDays(1));
        assertThat(rule.schedule().period()).isEqualTo(Duration.ofDays(1));
        assertThat(rule.triggerOperator()).isEqualTo(TriggerOperator.GT);
        assertThat(rule.triggerThreshold()).isZero();
        assertThat(rule.folder()).isEqualTo("silk-typhoon-um-service-error");
        assertThat(rule.description()).startsWith("'This query looks for errors");
        assertThat(rule.query()).startsWith("Event\n| where EventLog =~ \"Application\"\n");
        assertThat(rule.queryLine()).isEqualTo(17);
        assertThat(rule.queryIndent()).isEqualTo(2);
        assertThat(rule.entityMappings()).hasSize(1);
        EntityMapping host = rule.entityMappings().get(0);
        assertThat(host.entityType()).isEqualTo("Host");
        assertThat(host.fieldMappings())
                .containsExactly(
                        new EntityMapping.FieldMapping("FullName", "Computer"),
                        new EntityMapping.FieldMapping("HostName", "HostName"),
                        new EntityMapping.FieldMapping("NTDomain", "HostNameDomain"));
    }

    @Test
    void readsHoppingScheduleAndDefaults() throws IOException {
        Rule rule = RuleLoader.load(write(MINIMAL));

        assertThat(rule.schedule().frequency()).isEqualTo(Duration.ofHours(1));
        assertThat(rule.schedule().period()).isEqualTo(Duration.ofHours(2));
        assertThat(rule.schedule().isTumbling()).isFalse();
        assertThat(rule.version()).isEqualTo("1.0.0");
        assertThat(rule.entityMappings()).isEmpty();
        assertThat(rule.queryLine()).isEqualTo(9);
    }

    @Test
    void rejectsUnknownTriggerOperatorWithPosition() throws IOException {
        Path file = write(MINIMAL.replace("triggerOperator: gt", "triggerOperator: gte"));

        assertThatThrownBy(() -> RuleLoader.load(file))
                .isInstanceOf(RuleException.class)
                .hasMessageContaining(file + ":6:18: unknown trigger operator 'gte'");
    }

    @Test
    void rejectsUnknownDurationUnit() throws IOException {
        Path file = write(MINIMAL.replace("queryFrequency: 1h", "queryFrequency: 1y"));

        assertThatThrownBy(() -> RuleLoader.load(file))
                .hasMessageContaining(file + ":4:17: invalid queryFrequency '1y'");
    }

    @Test
    void rejectsPeriodShorterThanFrequency() throws IOException {
        Path file = write(MINIMAL.replace("queryPeriod: 2h", "queryPeriod: 30m"));

        assertThatThrownBy(() -> RuleLoader.load(file))
                .hasMessageContaining(file + ":5:14: queryPeriod 30m is shorter than");
    }

    @Test
    void rejectsScheduleOutsideSentinelRange() throws IOException {
        for (String bad : List.of("queryPeriod: 15d", "queryPeriod: 4m")) {
            Path file = write(MINIMAL.replace("queryPeriod: 2h", bad));

            assertThatThrownBy(() -> RuleLoader.load(file))
                    .hasMessageContaining("outside Sentinel's range of 5 minutes to 14 days");
        }
    }

    @Test
    void rejectsMissingQuery() throws IOException {
        Path file = write(MINIMAL.substring(0, MINIMAL.indexOf("query: |")));

        assertThatThrownBy(() -> RuleLoader.load(file))
                .hasMessageContaining("missing required field 'query'");
    }

    @Test
    void rejectsInvalidYamlWithPosition() throws IOException {
        Path file = write("id: [unclosed\nname: x\n");

        assertThatThrownBy(() -> RuleLoader.load(file))
                .isInstanceOf(RuleException.class)
                .hasMessageContaining(file + ":")
                .hasMessageContaining("invalid YAML");
    }

    @Test
    void rejectsTagsThatConstructJavaTypes() throws IOException {
        Path file =
                write(MINIMAL.replace(
                        "name: Minimal", "name: !!javax.script.ScriptEngineManager [x]"));

        assertThatThrownBy(() -> RuleLoader.load(file))
                .hasMessageContaining(file + ":2:7:")
                .hasMessageContaining("tag is not allowed");
    }

    @Test
    void rejectsAliasBombs() throws IOException {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 30; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        Path file = write(yaml + MINIMAL);

        assertThatThrownBy(() -> RuleLoader.load(file)).isInstanceOf(RuleException.class);
    }

    @Test
    void rejectsDuplicateFields() throws IOException {
        Path file = write(MINIMAL + "severity: High\n");

        assertThatThrownBy(() -> RuleLoader.load(file))
                .isInstanceOf(RuleException.class)
                .hasMessageContaining(file + ":11:1: duplicate field 'severity'");
    }

    @Test
    void rejectsOversizedFile() throws IOException {
        Path file = write(MINIMAL + "#" + "x".repeat(RuleLoader.MAX_FILE_BYTES) + "\n");

        assertThatThrownBy(() -> RuleLoader.load(file))
                .hasMessageContaining("more than the maximum of " + RuleLoader.MAX_FILE_BYTES);
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(temp, "rule", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
