package dev.kqlhunt.alerts;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entity of an alert, such as a Host, with the identifiers that were not empty.
 *
 * @param type Sentinel's entity type as the rule names it ({@code Host}, {@code Account}, ...)
 * @param identifiers identifier name to value, in the order of the rule's field mappings
 */
public record Entity(String type, Map<String, String> identifiers) implements Serializable {

    public Entity {
        identifiers = new LinkedHashMap<>(identifiers);
    }
}
