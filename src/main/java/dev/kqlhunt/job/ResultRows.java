package dev.kqlhunt.job;

import org.apache.flink.types.Row;

import com.fasterxml.jackson.core.JsonGenerator;

import dev.kqlhunt.alerts.AlertInput;
import dev.kqlhunt.alerts.Entity;
import dev.kqlhunt.kql.OutputColumn;
import dev.kqlhunt.output.JsonLines;
import dev.kqlhunt.output.KqlTime;
import dev.kqlhunt.rule.EntityMapping;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.RuleException;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the rows of a compiled query: the KQL output columns by position, then the hidden
 * {@code TimeGenerated} of the source event.
 */
public final class ResultRows implements Serializable {

    private final List<String> names;
    private final List<EntityColumns> entities;

    private record EntityColumns(String type, List<String> identifiers, List<Integer> positions)
            implements Serializable {}

    private ResultRows(List<String> names, List<EntityColumns> entities) {
        this.names = names;
        this.entities = entities;
    }

    /**
     * Binds the rule's entity mappings to the query's output columns.
     *
     * @throws RuleException when a mapping names a column the query does not output
     */
    public static ResultRows of(Rule rule, List<OutputColumn> columns) {
        List<String> names = new ArrayList<>();
        for (OutputColumn column : columns) {
            names.add(column.name());
        }
        List<EntityColumns> entities = new ArrayList<>();
        for (EntityMapping mapping : rule.entityMappings()) {
            List<String> identifiers = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            for (EntityMapping.FieldMapping field : mapping.fieldMappings()) {
                int position = names.indexOf(field.columnName());
                if (position < 0) {
                    throw new RuleException(
                            rule.file() + ": entity mapping " + mapping.entityType() + "."
                                    + field.identifier() + " names column '" + field.columnName()
                                    + "', which the query does not output; it outputs "
                                    + names);
                }
                identifiers.add(field.identifier());
                positions.add(position);
            }
            entities.add(new EntityColumns(mapping.entityType(), identifiers, positions));
        }
        return new ResultRows(List.copyOf(names), List.copyOf(entities));
    }

    /** Returns the source row's {@code TimeGenerated} in ticks. */
    public long eventTicks(Row row) {
        return KqlTime.ticks((LocalDateTime) row.getField(names.size()));
    }

    public AlertInput toAlertInput(Row row) {
        List<Entity> found = new ArrayList<>();
        for (EntityColumns entity : entities) {
            Map<String, String> identifiers = new LinkedHashMap<>();
            for (int i = 0; i < entity.identifiers().size(); i++) {
                Object value = row.getField(entity.positions().get(i));
                String text = value == null ? "" : render(value);
                if (!text.isEmpty()) {
                    identifiers.put(entity.identifiers().get(i), text);
                }
            }
            if (!identifiers.isEmpty()) {
                found.add(Entity.of(entity.type(), identifiers));
            }
        }
        return AlertInput.result(eventTicks(row), found);
    }

    /** Renders a result row as a JSON object with the KQL columns in KQL's order. */
    public String toJson(Row row) {
        return JsonLines.object(
                json -> {
                    for (int i = 0; i < names.size(); i++) {
                        json.writeFieldName(names.get(i));
                        writeValue(json, row.getField(i));
                    }
                });
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Integer number) {
            json.writeNumber(number);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof LocalDateTime time) {
            json.writeString(KqlTime.format(time));
        } else {
            json.writeString(value.toString());
        }
    }

    private static String render(Object value) {
        if (value instanceof LocalDateTime time) {
            return KqlTime.format(time);
        }
        return value.toString();
    }
}
