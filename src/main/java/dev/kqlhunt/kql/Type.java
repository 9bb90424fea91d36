package dev.kqlhunt.kql;

import dev.kqlhunt.events.EventSchema;

/** KQL scalar types that compiled queries handle. */
public enum Type {
    STRING("string"),
    INT("int"),
    LONG("long"),
    REAL("real"),
    BOOL("bool"),
    DATETIME("datetime");

    private final String kqlName;

    Type(String kqlName) {
        this.kqlName = kqlName;
    }

    /** The name KQL uses for the type, as in {@code getschema}. */
    public String kqlName() {
        return kqlName;
    }

    boolean isNumeric() {
        return this == INT || this == LONG || this == REAL;
    }

    static Type of(EventSchema.KqlType type) {
        return switch (type) {
            case STRING -> STRING;
            case INT -> INT;
            case REAL -> REAL;
            case DATETIME -> DATETIME;
        };
    }
}
