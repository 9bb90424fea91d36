package dev.kqlhunt.alerts;

import com.fasterxml.jackson.core.JsonGenerator;

import dev.kqlhunt.output.JsonLines;
import dev.kqlhunt.output.KqlTime;
import dev.kqlhunt.rule.Rule;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Renders an alert as a {@code SecurityAlert}-shaped JSON object.
 *
 * <p>{@code Entities} and {@code ExtendedProperties} are written as JSON values, where the
 * SecurityAlert table stores them as JSON-encoded strings. {@code TimeGenerated} is the window's
 * end, the moment Sentinel would have run the query, so that a re-run renders the same alert.
 */
public final class AlertJson {

    public static final String PRODUCT_NAME = "Azure Sentinel";
    public static final String PROVIDER_NAME = "ASI Scheduled Alerts";

    private AlertJson() {}

    public static String render(Alert alert) {
        return JsonLines.object(generator -> write(alert, generator));
    }

    private static void write(Alert alert, JsonGenerator json) throws IOException {
        Rule rule = alert.rule();
        json.writeStringField("Type", "SecurityAlert");
        json.writeStringField("SystemAlertId", alert.systemAlertId());
        json.writeStringField(
                "TimeGenerated", KqlTime.format(alert.window().endMillis() * KqlTime.TICKS_PER_MILLI));
        json.writeStringField("AlertName", rule.name());
        json.writeStringField("DisplayName", rule.name());
        json.writeStringField("AlertType", rule.id());
        json.writeStringField("AlertSeverity", rule.severity());
        json.writeStringField("Description", rule.description());
        json.writeStringField("ProductName", PRODUCT_NAME);
        json.writeStringField("ProviderName", PROVIDER_NAME);
        json.writeStringField("VendorName", "Microsoft");
        json.writeStringField("Status", "New");
        json.writeStringField("Tactics", String.join(",", rule.tactics()));
        json.writeArrayFieldStart("Techniques");
        for (String technique : rule.techniques()) {
            json.writeString(technique);
        }
        json.writeEndArray();
        json.writeStringField("StartTime", KqlTime.format(alert.firstTicks()));
        json.writeStringField("EndTime", KqlTime.format(alert.lastTicks()));
        json.writeArrayFieldStart("Entities");
        for (Entity entity : alert.entities()) {
            json.writeStartObject();
            json.writeStringField("Type", entity.type().toLowerCase(java.util.Locale.ROOT));
            for (Map.Entry<String, String> identifier : entity.identifiers().entrySet()) {
                json.writeStringField(identifier.getKey(), identifier.getValue());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        writeExtendedProperties(alert, json);
    }

    private static void writeExtendedProperties(Alert alert, JsonGenerator json)
            throws IOException {
        Rule rule = alert.rule();
        json.writeObjectFieldStart("ExtendedProperties");
        json.writeStringField(
                "Query Start Time UTC", KqlTime.formatInstant(alert.window().startMillis()));
        json.writeStringField(
                "Query End Time UTC", KqlTime.formatInstant(alert.window().endMillis()));
        json.writeStringField("Query Period", timeSpan(rule.schedule().period()));
        json.writeStringField("Query Frequency", timeSpan(rule.schedule().frequency()));
        json.writeStringField("Trigger Operator", rule.triggerOperator().sentinelName());
        json.writeStringField("Trigger Threshold", Integer.toString(rule.triggerThreshold()));
        json.writeStringField(
                "Search Query Results Overall Count", Long.toString(alert.resultCount()));
        json.writeStringField("Analytic Rule Ids", "[\"" + rule.id() + "\"]");
        json.writeStringField("Analytic Rule Name", rule.name());
        json.writeStringField("Analytic Rule Version", rule.version());
        json.writeStringField("Entities Omitted", Integer.toString(alert.entitiesOmitted()));
        json.writeStringField("Query", rule.query());
        if (!alert.excludedByTuning().isEmpty()) {
            // Like the other ExtendedProperties, a JSON-encoded string: {"name": count, ...}.
            json.writeStringField(
                    "Excluded By Tuning", JsonLines.object(excluded -> {
                        for (Map.Entry<String, Long> entry : alert.excludedByTuning().entrySet()) {
                            excluded.writeNumberField(entry.getKey(), entry.getValue());
                        }
                    }));
        }
        json.writeEndObject();
    }

    /** Formats a duration as a .NET TimeSpan ({@code 1.00:00:00}), as Sentinel shows periods. */
    static String timeSpan(Duration duration) {
        long days = duration.toDays();
        String time =
                String.format(
                        java.util.Locale.ROOT,
                        "%02d:%02d:%02d",
                        duration.toHoursPart(),
                        duration.toMinutesPart(),
                        duration.toSecondsPart());
        return days > 0 ? days + "." + time : time;
    }
}
