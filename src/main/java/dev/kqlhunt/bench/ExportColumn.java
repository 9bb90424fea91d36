package dev.kqlhunt.bench;

import java.nio.charset.StandardCharsets;

/**
 * The keys of a Log Analytics data-export row of the {@code Event} table, in the order the export
 * writes them. The export leaves out {@code _SubscriptionId}, {@code _BilledSize} and
 * {@code _IsBillable}, which the table has.
 */
enum ExportColumn {
    TENANT_ID("TenantId", false),
    SOURCE_SYSTEM("SourceSystem", false),
    TIME_GENERATED("TimeGenerated", false),
    SOURCE("Source", false),
    EVENT_LOG("EventLog", false),
    COMPUTER("Computer", false),
    EVENT_LEVEL("EventLevel", true),
    EVENT_LEVEL_NAME("EventLevelName", false),
    PARAMETER_XML("ParameterXml", false),
    EVENT_DATA("EventData", false),
    EVENT_ID("EventID", true),
    RENDERED_DESCRIPTION("RenderedDescription", false),
    AZURE_DEPLOYMENT_ID("AzureDeploymentID", false),
    ROLE("Role", false),
    EVENT_CATEGORY("EventCategory", true),
    USER_NAME("UserName", false),
    MESSAGE("Message", false),
    MG("MG", false),
    MANAGEMENT_GROUP_NAME("ManagementGroupName", false),
    TYPE("Type", false),
    RESOURCE_ID("_ResourceId", false);

    static final ExportColumn[] ALL = values();

    final String key;
    final boolean numeric;
    /** The key as it is written before its value: quoted, then a colon. */
    final byte[] prefix;

    ExportColumn(String key, boolean numeric) {
        this.key = key;
        this.numeric = numeric;
        this.prefix = ("\"" + key + "\":").getBytes(StandardCharsets.US_ASCII);
    }
}
