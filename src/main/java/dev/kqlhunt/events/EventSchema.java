package dev.kqlhunt.events;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Columns of the Log Analytics {@code Event} table, in the order Log Analytics returns them.
 *
 * <p>String columns are never null in KQL, so ingestion stores {@code ""} for an absent string.
 * Numeric columns stay nullable. {@code TimeGenerated} is a UTC {@code TIMESTAMP(7)}, which keeps
 * KQL's 100-nanosecond precision.
 */
public final class EventSchema {

    /** KQL scalar types that appear in the {@code Event} table. */
    public enum KqlType {
        STRING,
        INT,
        REAL,
        DATETIME
    }

    /** One column: its name, KQL type and position in the row. */
    public record Column(String name, KqlType type, int index) {

        public DataType dataType() {
            return switch (type) {
                case STRING -> DataTypes.STRING().notNull();
                case INT -> DataTypes.INT();
                case REAL -> DataTypes.DOUBLE();
                case DATETIME -> DataTypes.TIMESTAMP(TIME_PRECISION);
            };
        }
    }

    /** Fractional digits of {@code TimeGenerated}: KQL's datetime ticks are 100 ns. */
    public static final int TIME_PRECISION = 7;

    public static final String TIME_GENERATED = "TimeGenerated";

    private static final Map<String, Column> COLUMNS = new LinkedHashMap<>();

    static {
        add("TenantId", KqlType.STRING);
        add("SourceSystem", KqlType.STRING);
        add(TIME_GENERATED, KqlType.DATETIME);
        add("Source", KqlType.STRING);
        add("EventLog", KqlType.STRING);
        add("Computer", KqlType.STRING);
        add("EventLevel", KqlType.INT);
        add("EventLevelName", KqlType.STRING);
        add("ParameterXml", KqlType.STRING);
        add("EventData", KqlType.STRING);
        add("EventID", KqlType.INT);
        add("RenderedDescription", KqlType.STRING);
        add("AzureDeploymentID", KqlType.STRING);
        add("Role", KqlType.STRING);
        add("EventCategory", KqlType.INT);
        add("UserName", KqlType.STRING);
        add("Message", KqlType.STRING);
        add("MG", KqlType.STRING);
        add("ManagementGroupName", KqlType.STRING);
        add("Type", KqlType.STRING);
        add("_ResourceId", KqlType.STRING);
        add("_SubscriptionId", KqlType.STRING);
        add("_BilledSize", KqlType.REAL);
        add("_IsBillable", KqlType.STRING);
    }

    private EventSchema() {}

    private static void add(String name, KqlType type) {
        COLUMNS.put(name, new Column(name, type, COLUMNS.size()));
    }

    /** Returns the columns in table order. */
    public static List<Column> columns() {
        return new ArrayList<>(COLUMNS.values());
    }

    /** Finds a column by its exact, case-sensitive name, as KQL does. */
    public static Optional<Column> column(String name) {
        return Optional.ofNullable(COLUMNS.get(name));
    }

    public static int size() {
        return COLUMNS.size();
    }

    /** Returns the Flink row type of the {@code Event} table. */
    public static DataType rowType() {
        DataTypes.Field[] fields =
                COLUMNS.values().stream()
                        .map(c -> DataTypes.FIELD(c.name(), c.dataType()))
                        .toArray(DataTypes.Field[]::new);
        return DataTypes.ROW(fields).notNull();
    }
}
