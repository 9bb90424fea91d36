package dev.kqlhunt.stream;

import dev.kqlhunt.alerts.Alert;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An alert with its revision number within its window. Revision 0 is the first alert emitted for
 * the window and has the window's {@link Alert#systemAlertId()}, as the batch hunt does. A late
 * result makes a higher revision that amends it, with every result of the window counted.
 */
public record AlertRevision(Alert alert, int revision) {

    public AlertRevision {
        if (revision < 0) {
            throw new IllegalArgumentException("revision must not be negative: " + revision);
        }
    }

    /** Returns the window's id for revision 0, else the name-based UUID of that id and revision. */
    public String systemAlertId() {
        return systemAlertId(alert.systemAlertId(), revision);
    }

    static String systemAlertId(String windowAlertId, int revision) {
        if (revision == 0) {
            return windowAlertId;
        }
        String name = "kql-hunt-alert-revision|" + windowAlertId + "|" + revision;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
