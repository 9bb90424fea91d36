package dev.kqlhunt.bench;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One hourly blob of a Log Analytics data export: the workspace it belongs to and the hour it
 * covers. Its path follows the export's layout:
 * {@code WorkspaceResourceId=/subscriptions/<sub>/resourcegroups/<rg>/providers/
 * microsoft.operationalinsights/workspaces/<ws>/y=YYYY/m=MM/d=DD/h=HH/m=00/PT1H.json}.
 */
record ArchiveFile(Workspace workspace, LocalDateTime hour) {

    /** Identity of a Log Analytics workspace as it appears in paths and rows. */
    record Workspace(String tenantId, String subscriptionId, String resourceGroup, String name) {

        String managementGroupName() {
            return "AOI-" + tenantId;
        }
    }

    private static final DateTimeFormatter HOUR_FOLDERS =
            DateTimeFormatter.ofPattern("'y='yyyy/'m='MM/'d='dd/'h='HH/'m=00'");
    private static final DateTimeFormatter HOUR_PREFIX =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:");

    Path resolveIn(Path root) {
        return root.resolve("WorkspaceResourceId=")
                .resolve("subscriptions")
                .resolve(workspace.subscriptionId)
                .resolve("resourcegroups")
                .resolve(workspace.resourceGroup)
                .resolve("providers")
                .resolve("microsoft.operationalinsights")
                .resolve("workspaces")
                .resolve(workspace.name)
                .resolve(HOUR_FOLDERS.format(hour))
                .resolve("PT1H.json");
    }

    /** The {@code yyyy-MM-ddTHH:} start shared by every timestamp in the file. */
    String timePrefix() {
        return HOUR_PREFIX.format(hour);
    }
}
