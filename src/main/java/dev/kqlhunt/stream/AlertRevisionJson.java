package dev.kqlhunt.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.kqlhunt.alerts.AlertJson;

import java.io.UncheckedIOException;

/**
 * Renders an alert revision as a {@code SecurityAlert}. Revision 0 is rendered exactly as the
 * batch hunt renders the window's alert. A higher revision has its own {@code SystemAlertId} and
 * names the alert it amends in {@code ExtendedProperties}.
 */
final class AlertRevisionJson {

    static final String REVISION = "Alert Revision";
    static final String AMENDS = "Amends SystemAlertId";

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertRevisionJson() {}

    static String render(AlertRevision revision) {
        String json = AlertJson.render(revision.alert());
        if (revision.revision() == 0) {
            return json;
        }
        try {
            ObjectNode alert = (ObjectNode) JSON.readTree(json);
            alert.put("SystemAlertId", revision.systemAlertId());
            ObjectNode properties = (ObjectNode) alert.get("ExtendedProperties");
            properties.put(REVISION, Integer.toString(revision.revision()));
            properties.put(AMENDS, revision.alert().systemAlertId());
            return JSON.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot re-read a rendered alert", e);
        }
    }
}
