package dev.kqlhunt.kql;

import org.apache.flink.types.Row;

import dev.kqlhunt.events.EventSchema;

import java.time.LocalDateTime;

/** Builds {@code Event} rows for tests: "" for unset strings, null for unset numbers. */
final class EventRows {

    static final LocalDateTime TIME = LocalDateTime.of(2021, 3, 2, 10, 15, 30);

    private final Object[] values = new Object[EventSchema.size()];

    private EventRows() {
        for (EventSchema.Column column : EventSchema.columns()) {
            if (column.type() == EventSchema.KqlType.STRING) {
                values[column.index()] = "";
            }
        }
        set(EventSchema.TIME_GENERATED, TIME);
    }

    static EventRows event() {
        return new EventRows();
    }

    EventRows set(String column, Object value) {
        int index =
                EventSchema.column(column)
                        .orElseThrow(() -> new IllegalArgumentException(column))
                        .index();
        values[index] = value;
        return this;
    }

    Row build() {
        return Row.of(values.clone());
    }
}
