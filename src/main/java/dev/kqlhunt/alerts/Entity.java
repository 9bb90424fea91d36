package dev.kqlhunt.alerts;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entity of an alert, such as a Host, with the identifiers that were not empty.
 *
 * <p>Identifiers are kept as two parallel lists rather than a map, so that their order (the order
 * of the rule's field mappings) survives Flink's serialization.
 *
 * @param type Sentinel's entity type as the rule names it ({@code Host}, {@code Account}, ...)
 * @param names identifier names, in the order of the rule's field mappings
 * @param values identifier values, one for each name
 */
public record Entity(String type, List<String> names, List<String> values)
        implements Serializable {

    public Entity {
        names = List.copyOf(names);
        values = List.copyOf(values);
        if (names.size() != values.size()) {
            throw new IllegalArgumentException("an entity needs one value per identifier name");
        }
    }

    /** Creates an entity from identifiers in their iteration order. */
    public static Entity of(String type, Map<String, String> identifiers) {
        return new Entity(
                type, new ArrayList<>(identifiers.keySet()), new ArrayList<>(identifiers.values()));
    }

    /** Returns identifier name to value, in mapping order. */
    public Map<String, String> identifiers() {
        Map<String, String> identifiers = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            identifiers.put(names.get(i), values.get(i));
        }
        return identifiers;
    }
}
