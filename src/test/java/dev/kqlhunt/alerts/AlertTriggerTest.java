package dev.kqlhunt.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kqlhunt.output.KqlTime;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.RuleLoader;
import dev.kqlhunt.rule.Schedule;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AlertTriggerTest {

    private static final Rule RULE =
            RuleLoader.load(java.nio.file.Path.of("jobs/silk-typhoon-um-service-error/rule.yaml"));

    private static final Schedule.Window MARCH_2 =
            new Schedule.Window(
                    Instant.parse("2021-03-02T00:00:00Z").toEpochMilli(),
                    Instant.parse("2021-03-03T00:00:00Z").toEpochMilli());

    private static long ticks(String time) {
        return KqlTime.ticks(LocalDateTime.parse(time));
    }

    private static Entity host(String fullName, String hostName, String domain) {
        return new Entity(
                "Host",
                List.of("FullName", "HostName", "NTDomain"),
                List.of(fullName, hostName, domain));
    }

    @Test
    void emptyWindowDoesNotFireGreaterThanZero() {
        assertThat(AlertTrigger.toAlert(RULE, MARCH_2, new AlertAccumulator())).isEmpty();
    }

    @Test
    void alertCountsResultsAndOrdersEntitiesByFirstSeen() {
        AlertAccumulator accumulator = new AlertAccumulator();
        Entity exch02 = host("EXCH02.contoso.com", "EXCH02", "contoso.com");
        Entity exch01 = host("EXCH01.contoso.com", "EXCH01", "contoso.com");
        accumulator.add(AlertInput.result(ticks("2021-03-02T18:00:00.0000001"), List.of(exch02)));
        accumulator.add(AlertInput.result(ticks("2021-03-02T09:15:00.1234567"), List.of(exch01)));
        accumulator.add(AlertInput.result(ticks("2021-03-02T10:00:00"), List.of(exch02)));
        accumulator.add(AlertInput.tick(ticks("2021-03-02T23:00:00")));

        Optional<Alert> alert = AlertTrigger.toAlert(RULE, MARCH_2, accumulator);

        assertThat(alert).isPresent();
        assertThat(alert.get().resultCount()).isEqualTo(3);
        assertThat(KqlTime.format(alert.get().firstTicks()))
                .isEqualTo("2021-03-02T09:15:00.1234567Z");
        assertThat(KqlTime.format(alert.get().lastTicks()))
                .isEqualTo("2021-03-02T18:00:00.0000001Z");
        assertThat(alert.get().entities()).containsExactly(exch01, exch02);
        assertThat(alert.get().entitiesOmitted()).isZero();
    }

    @Test
    void entitiesAreCappedAtSentinelLimit() {
        AlertAccumulator accumulator = new AlertAccumulator();
        for (int i = 0; i < Alert.MAX_ENTITIES + 7; i++) {
            Entity entity = host("h" + i + ".contoso.com", "h" + i, "contoso.com");
            accumulator.add(AlertInput.result(ticks("2021-03-02T10:00:00") + i, List.of(entity)));
        }

        Alert alert = AlertTrigger.toAlert(RULE, MARCH_2, accumulator).orElseThrow();

        assertThat(alert.entities()).hasSize(Alert.MAX_ENTITIES);
        assertThat(alert.entitiesOmitted()).isEqualTo(7);
        assertThat(alert.entities().get(0).identifiers()).containsEntry("HostName", "h0");
    }

    @Test
    void systemAlertIdDependsOnlyOnRuleAndWindow() {
        String first = Alert.systemAlertId(RULE, MARCH_2);
        Schedule.Window march3 =
                new Schedule.Window(MARCH_2.endMillis(), MARCH_2.endMillis() + 86_400_000L);

        assertThat(Alert.systemAlertId(RULE, MARCH_2)).isEqualTo(first);
        assertThat(Alert.systemAlertId(RULE, march3)).isNotEqualTo(first);
    }

    @Test
    void alertJsonCarriesRuleMetadataAndExtendedProperties() throws Exception {
        AlertAccumulator accumulator = new AlertAccumulator();
        accumulator.add(
                AlertInput.result(
                        ticks("2021-03-02T09:15:00"),
                        List.of(host("EXCH01.contoso.com", "EXCH01", "contoso.com"))));
        Alert alert = AlertTrigger.toAlert(RULE, MARCH_2, accumulator).orElseThrow();

        JsonNode json = new ObjectMapper().readTree(AlertJson.render(alert));

        assertThat(json.path("Type").asText()).isEqualTo("SecurityAlert");
        assertThat(json.path("AlertName").asText()).isEqualTo(RULE.name());
        assertThat(json.path("AlertType").asText()).isEqualTo(RULE.id());
        assertThat(json.path("AlertSeverity").asText()).isEqualTo("Low");
        assertThat(json.path("Tactics").asText()).isEqualTo("InitialAccess");
        assertThat(json.path("Techniques").get(0).asText()).isEqualTo("T1190");
        assertThat(json.path("StartTime").asText()).isEqualTo("2021-03-02T09:15:00.0000000Z");
        assertThat(json.path("TimeGenerated").asText()).isEqualTo("2021-03-03T00:00:00.0000000Z");
        assertThat(json.path("SystemAlertId").asText()).isEqualTo(alert.systemAlertId());
        JsonNode entity = json.path("Entities").get(0);
        assertThat(entity.path("Type").asText()).isEqualTo("host");
        assertThat(entity.path("HostName").asText()).isEqualTo("EXCH01");
        JsonNode properties = json.path("ExtendedProperties");
        assertThat(properties.path("Query Start Time UTC").asText())
                .isEqualTo("2021-03-02T00:00:00Z");
        assertThat(properties.path("Query End Time UTC").asText())
                .isEqualTo("2021-03-03T00:00:00Z");
        assertThat(properties.path("Query Period").asText()).isEqualTo("1.00:00:00");
        assertThat(properties.path("Trigger Operator").asText()).isEqualTo("GreaterThan");
        assertThat(properties.path("Trigger Threshold").asText()).isEqualTo("0");
        assertThat(properties.path("Search Query Results Overall Count").asText()).isEqualTo("1");
        assertThat(properties.path("Analytic Rule Ids").asText())
                .isEqualTo("[\"0625fcce-6d52-491e-8c68-1d9b801d25b9\"]");
    }
}
