package dev.kqlhunt.bench;

import dev.kqlhunt.bench.ArchiveFile.Workspace;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fills an {@link EventRow} with the columns of one {@link EventKind}, shaped like the rows of a
 * Log Analytics {@code Event} export from Windows servers reporting through an agent.
 *
 * <p>Rule matches also get one variation each that must not change the rule's answer: another
 * letter case where KQL compares case-insensitively, {@code \}{@code uXXXX} escapes, non-ASCII
 * text, an odd {@code Computer} for the HostName columns, or another key order.
 */
final class RowFactory {

    private static final String[] EXCHANGE_HOSTS = {
        "EXCH01.contoso.com", "EXCH02.contoso.com", "exch-dag-03.corp.contoso.com",
        "MBX2019-07.fabrikam.net"
    };
    private static final String[] OTHER_HOSTS = {
        "APP03.corp.contoso.com", "dc01.contoso.local", "SQL-PRD-02.fabrikam.net",
        "WEB-FE-11.contoso.com", "FS01.contoso.com"
    };
    /** Computer values that exercise HostName and HostNameDomain; null leaves the key out. */
    private static final String[] ODD_COMPUTERS = {
        "EXCH01", "", null, ".contoso.com", "exch.", "exch-m\u00fcnchen.contoso.de",
        "\u0395\u039e\u03a5\u03a0-01.contoso.gr", "a.b.c.d.example"
    };
    private static final String[] VERSIONS = {
        "15.01.2106.013", "15.01.2176.009", "15.02.0792.003", "15.02.1118.026", "15.01.2507.021"
    };
    private static final String[] SERVICES = {
        "Windows Update", "Background Intelligent Transfer Service", "Windows Modules Installer",
        "Microsoft Exchange Search Host Controller", "WinHTTP Web Proxy Auto-Discovery Service"
    };
    private static final String[] APPLICATIONS = {"sqlservr", "w3wp", "MonitoringHost", "backup"};
    private static final String[] USER_NAMES = {"N/A", "NT AUTHORITY\\SYSTEM"};
    private static final String[] ODD_USER_NAMES = {
        "CONTOSO\\J\u00fcrgen.M\u00fcller", "CONTOSO\\\u5c71\u7530", "FABRIKAM\\s\u00f8ren"
    };

    private static final String UM_SERVICE_TEXT =
            "The Microsoft Exchange Unified Messaging service was unable to start. More"
                    + " information: \u201cMicrosoft.Exchange.UM.UMService.UMServiceException: The"
                    + " worker process didn\u2019t start in the allotted time.";
    private static final String CALL_ROUTER_TEXT =
            "The Microsoft Exchange Unified Messaging Call Router service failed to exchange the"
                    + " required certificates with an IP gateway to enable Transport Layer"
                    + " Security (TLS). Please check that the gateway is configured to operate in"
                    + " the correct security mode.";
    private static final String MG = "00000000-0000-0000-0000-000000000001";

    private final ArchiveFile file;
    private final SplittableRandom random;
    private final StringBuilder text = new StringBuilder(1024);
    private final Map<String, String> healthServiceIds = new HashMap<>();
    private final Map<String, String> resourceIds = new HashMap<>();

    RowFactory(ArchiveFile file, SplittableRandom random) {
        this.file = file;
        this.random = random;
    }

    /** Fills {@code row} with a row of {@code kind}, {@code ticks} of 100 ns into the hour. */
    void fill(EventRow row, EventKind kind, long ticks) {
        row.reset();
        String time = time(ticks, "Z");
        String host = kind.isTrap() || kind.ordinal() < EventKind.APPLICATION_ERROR.ordinal()
                ? pick(EXCHANGE_HOSTS)
                : pick(OTHER_HOSTS);
        common(row, time, host);
        content(row, kind, host);
        row.set(ExportColumn.EVENT_DATA, eventData(row, time, host));
        if (kind.matches) {
            varyMatch(row);
        } else if (kind.isTrap()) {
            varyNeutral(row, 2);
        } else if (random.nextInt(100) == 0) {
            varyNeutral(row, 1);
        }
    }

    private void common(EventRow row, String time, String host) {
        Workspace workspace = file.workspace();
        row.set(ExportColumn.TENANT_ID, workspace.tenantId());
        row.set(ExportColumn.SOURCE_SYSTEM, "OpsManager");
        row.set(ExportColumn.TIME_GENERATED, time);
        row.set(ExportColumn.COMPUTER, host);
        row.set(ExportColumn.AZURE_DEPLOYMENT_ID, "");
        row.set(ExportColumn.ROLE, "");
        row.set(ExportColumn.USER_NAME, pick(USER_NAMES));
        row.set(ExportColumn.MESSAGE, "");
        row.set(ExportColumn.MG, MG);
        row.set(ExportColumn.MANAGEMENT_GROUP_NAME, workspace.managementGroupName());
        row.set(ExportColumn.TYPE, "Event");
        row.set(ExportColumn.RESOURCE_ID, resourceId(host));
    }

    private String resourceId(String host) {
        return resourceIds.computeIfAbsent(host, this::newResourceId);
    }

    private String newResourceId(String host) {
        if (host.startsWith("EXCH") || host.startsWith("exch") || host.startsWith("MBX")) {
            return "";
        }
        Workspace workspace = file.workspace();
        int dot = host.indexOf('.');
        return "/subscriptions/" + workspace.subscriptionId() + "/resourcegroups/"
                + workspace.resourceGroup() + "/providers/microsoft.compute/virtualmachines/"
                + (dot < 0 ? host : host.substring(0, dot)).toLowerCase(Locale.ROOT);
    }

    private void content(EventRow row, EventKind kind, String host) {
        switch (kind) {
            case EXCHANGE_ADACCESS_TOPOLOGY -> application(row, "MSExchange ADAccess", 2080, 4,
                    adAccessTopology());
            case EXCHANGE_TRANSPORT_WARNING -> application(row, "MSExchangeTransport", 1035, 3,
                    "Inbound authentication failed with error LogonDenied for Receive connector"
                            + " Default " + shortName(host) + ". The authentication mechanism is"
                            + " Ntlm. The source IP address of the client who tried to"
                            + " authenticate to Microsoft Exchange is [" + ip() + "].");
            case EXCHANGE_WATSON_APP_POOL -> application(row, "MSExchange Common", 4999, 2,
                    watson("E12IIS", "w3wp#MSExchangeServicesAppPool", "M.Exchange.Security",
                            "M.E.S.O.V1ProfileLocalTokenIssuer..ctor",
                            "M.E.S.OAuth.OAuthTokenRequestFailedException"));
            case EXCHANGE_REPL_HEALTHY -> application(row, "MSExchangeRepl", 4139, 4,
                    "Databases on server " + shortName(host) + " have sufficient data protection."
                            + " Copy queue length: " + random.nextInt(20)
                            + ". Replay queue length: " + random.nextInt(200) + ".");
            case EXCHANGE_CMDLET_ERROR -> application(row, "MSExchange CmdletLogs", 8, 2,
                    "(PID " + pid() + ", Thread 9) Task Test-WebServicesConnectivity throwing"
                            + " unhandled exception: System.InvalidOperationException: Operation"
                            + " is not valid due to the current state of the object.");
            case APPLICATION_ERROR -> application(row, "Application Error", 1000, 2,
                    applicationError());
            case SOFTWARE_PROTECTION -> application(row, "Microsoft-Windows-Security-SPP", 16384,
                    4, "Successfully scheduled Software Protection service for re-start at"
                            + " 2121-02-05T08:33:12Z. Reason: RulesEngine.");
            case SERVICE_CONTROL_MANAGER -> system(row, "Service Control Manager", 7036, 4,
                    "The " + pick(SERVICES) + " service entered the "
                            + (random.nextBoolean() ? "running" : "stopped") + " state.");
            case SERVICE_CONTROL_MANAGER_GERMAN -> system(row, "Service Control Manager", 7036, 4,
                    "Der Dienst \u201e" + pick(SERVICES) + "\u201c befindet sich jetzt im Status"
                            + " \u201eAusgef\u00fchrt\u201c.");
            case APPLICATION_ERROR_JAPANESE -> application(row, "Application Error", 1000, 2,
                    "\u969c\u5bb3\u304c\u767a\u751f\u3057\u3066\u3044\u308b\u30a2\u30d7\u30ea"
                            + "\u30b1\u30fc\u30b7\u30e7\u30f3\u540d: " + pick(APPLICATIONS)
                            + ".exe\u3001\u30d0\u30fc\u30b8\u30e7\u30f3: 10.0.17763.1"
                            + " \ud83d\ude00");
            case KERNEL_TIME_CHANGE -> system(row, "Microsoft-Windows-Kernel-General", 1, 4,
                    "The system time has changed to \u200e2021\u200e-\u200e03\u200e-\u200e01T"
                            + "10:00:00.500000000Z from \u200e2021\u200e-\u200e03\u200e-\u200e01T"
                            + "10:00:00.499000000Z.\n\nChange Reason: An application or system"
                            + " component changed the time.");
            case DISK_RETRY_WARNING -> system(row, "disk", 153, 3,
                    "The IO operation at logical block address 0x" + Long.toHexString(
                            random.nextLong(1L << 36)) + " for Disk 0 (PDO name:"
                            + " \\Device\\00000034) was retried.");
            default -> trap(row, kind);
        }
    }

    private void trap(EventRow row, EventKind kind) {
        switch (kind) {
            case WATSON_UM_GADGET -> application(row, "MSExchange Common", 4999, 2, watsonUm(
                    "System.InvalidCastException", true));
            case UM_WORKER_UNHANDLED -> umError(row, 1136, unhandledUm(
                    "System.InvalidCastException: Unable to cast object of type"
                            + " 'Microsoft.VisualStudio.Text.Formatting"
                            + ".TextFormattingRunProperties' to type"
                            + " 'Microsoft.Exchange.UM.UMCommon.PhoneNumber'."));
            case UM_SERVICE_START_FAILURE -> umError(row, 1038, UM_SERVICE_TEXT);
            case UM_SOURCE_NAMED_IN_TEXT -> application(row, "MSExchange Common", 4999, 2,
                    "Process UMWorkerProcess.exe (PID=" + pid() + ") reported a fatal error to"
                            + " MSExchange Unified Messaging; the worker process is recycled.");
            case WATSON_UM_OUT_OF_MEMORY -> application(row, "MSExchange Common", 4999, 2,
                    watsonUm(random.nextBoolean()
                            ? "System.OutOfMemoryException"
                            : "system.outofmemoryexception", true));
            case UM_WORKER_OUT_OF_MEMORY -> umError(row, 1136, unhandledUm(
                    "System.OutOfMemoryException: Exception of type"
                            + " 'System.OutOfMemoryException' was thrown."));
            case UM_CALL_ROUTER -> umError(row, 1649, CALL_ROUTER_TEXT);
            case UM_WARNING_LEVEL -> {
                umError(row, 1038, UM_SERVICE_TEXT);
                level(row, 3, "Warning");
            }
            case UM_LEADING_SPACE -> umError(row, 1038, random.nextBoolean()
                    ? " " + UM_SERVICE_TEXT
                    : "  " + watsonUm("System.InvalidCastException", true));
            case UM_SYSTEM_LOG -> {
                umError(row, 1038, UM_SERVICE_TEXT);
                row.set(ExportColumn.EVENT_LOG, "System");
            }
            case UM_OTHER_SOURCE -> {
                umError(row, 1038, UM_SERVICE_TEXT);
                row.set(ExportColumn.SOURCE, pick(new String[] {
                    "Microsoft Exchange Unified Messaging", " MSExchange Unified Messaging",
                    "UMService"}));
            }
            case UM_LEVEL_LOOKALIKE -> {
                umError(row, 1038, UM_SERVICE_TEXT);
                int choice = random.nextInt(3);
                level(row, choice == 2 ? 1 : 2,
                        new String[] {"Error ", "Erreur", "Critical"}[choice]);
            }
            case UM_EVENT_LOG_LOOKALIKE -> {
                umError(row, 1038, UM_SERVICE_TEXT);
                row.set(ExportColumn.EVENT_LOG, pick(new String[] {
                    "Application ", "Applications", "Microsoft-Exchange-UM/Operational"}));
            }
            case WATSON_UM_NO_GADGET -> application(row, "MSExchange Common", 4999, 2,
                    watsonUm("System.NullReferenceException", false));
            default -> throw new IllegalStateException("no content for " + kind);
        }
    }

    private void application(EventRow row, String source, int id, int level, String text) {
        event(row, "Application", source, id, level, text);
    }

    private void system(EventRow row, String source, int id, int level, String text) {
        event(row, "System", source, id, level, text);
    }

    private void umError(EventRow row, int id, String text) {
        application(row, "MSExchange Unified Messaging", id, 2, text);
    }

    private void event(
            EventRow row, String log, String source, int id, int level, String description) {
        row.set(ExportColumn.EVENT_LOG, log);
        row.set(ExportColumn.SOURCE, source);
        row.set(ExportColumn.EVENT_ID, id);
        row.set(ExportColumn.EVENT_CATEGORY, random.nextInt(16));
        level(row, level, levelName(level));
        row.set(ExportColumn.RENDERED_DESCRIPTION, description);
        row.set(ExportColumn.PARAMETER_XML, "<Param>" + xml(firstSentence(description))
                + "</Param><Param>" + id + "</Param>");
    }

    /** Returns the description up to its first full stop, cut at 100 characters. */
    private static String firstSentence(String description) {
        int end = description.indexOf(". ");
        if (end < 0 || end > 100) {
            end = Math.min(description.length(), 100);
        }
        return description.substring(0, end);
    }

    private static void level(EventRow row, int level, String name) {
        row.set(ExportColumn.EVENT_LEVEL, level);
        row.set(ExportColumn.EVENT_LEVEL_NAME, name);
    }

    private static String levelName(int level) {
        return switch (level) {
            case 1 -> "Critical";
            case 2 -> "Error";
            case 3 -> "Warning";
            default -> "Information";
        };
    }

    /** Applies one variation that leaves a rule match a match. */
    private void varyMatch(EventRow row) {
        switch (random.nextInt(9)) {
            case 0 -> { }
            case 1 -> row.set(ExportColumn.EVENT_LOG,
                    random.nextBoolean() ? "application" : "APPLICATION");
            case 2 -> row.set(ExportColumn.EVENT_LEVEL_NAME,
                    random.nextBoolean() ? "error" : "ERROR");
            case 3 -> row.set(ExportColumn.SOURCE,
                    row.get(ExportColumn.SOURCE).toLowerCase(Locale.ROOT));
            case 4 -> {
                row.escape(ExportColumn.EVENT_LOG, JsonBuffer.ESCAPE_LETTERS);
                row.escape(ExportColumn.EVENT_LEVEL_NAME, JsonBuffer.ESCAPE_LETTERS);
                row.escape(ExportColumn.RENDERED_DESCRIPTION, JsonBuffer.ESCAPE_LETTERS);
            }
            case 5 -> {
                String computer = pick(ODD_COMPUTERS);
                if (computer == null) {
                    row.remove(ExportColumn.COMPUTER);
                } else {
                    row.set(ExportColumn.COMPUTER, computer);
                }
            }
            case 6 -> row.set(ExportColumn.RENDERED_DESCRIPTION,
                    row.get(ExportColumn.RENDERED_DESCRIPTION).toUpperCase(Locale.ROOT));
            case 7 -> row.shuffle(random);
            default -> {
                row.set(ExportColumn.USER_NAME, pick(ODD_USER_NAMES));
                row.set(ExportColumn.COMPUTER, ODD_COMPUTERS[5]);
                row.escapeAll(
                        random.nextBoolean() ? JsonBuffer.ESCAPE_NON_ASCII : JsonBuffer.PLAIN);
            }
        }
    }

    /** Applies a key-order or escape variation, which changes no column's value. */
    private void varyNeutral(EventRow row, int choices) {
        switch (random.nextInt(choices * 2)) {
            case 0 -> row.shuffle(random);
            case 1 -> row.escapeAll(JsonBuffer.ESCAPE_NON_ASCII);
            case 2 -> row.escapeAll(JsonBuffer.ESCAPE_LETTERS);
            default -> { }
        }
    }

    private String eventData(EventRow row, String time, String host) {
        text.setLength(0);
        text.append("<DataItem type=\"System.XmlData\" time=\"")
                .append(time, 0, time.length() - 1)
                .append("+00:00\" sourceHealthServiceId=\"")
                .append(healthServiceId(host))
                .append("\"><EventData xmlns=\"http://schemas.microsoft.com/win/2004/08/events/")
                .append("event\"><Data>")
                .append(xml(row.get(ExportColumn.RENDERED_DESCRIPTION)))
                .append("</Data></EventData></DataItem>");
        return text.toString();
    }

    private String adAccessTopology() {
        return "Process MSExchangeHMWorker.exe (ExHMWorker) (PID=" + pid() + "). Exchange Active"
                + " Directory Provider has discovered the following servers with the following"
                + " characteristics:\nIn-site:\ndc01.contoso.local\tCDG 1 7 7 1 0 1 1 7 1\n"
                + "dc02.contoso.local\tCDG 1 7 7 1 0 0 1 7 1\n Out-of-site:\n";
    }

    private String applicationError() {
        String app = pick(APPLICATIONS);
        return "Faulting application name: " + app + ".exe, version: 10.0.17763.1, time stamp:"
                + " 0x5c7d3d1c\nFaulting module name: ntdll.dll, version: 10.0.17763.5830\n"
                + "Exception code: 0xc0000005\nFault offset: 0x000000000004e0ab\nFaulting"
                + " process id: 0x" + Integer.toHexString(pid()) + "\nFaulting application"
                + " path: C:\\Program Files\\" + app + "\\" + app + ".exe\nFaulting module path:"
                + " C:\\Windows\\SYSTEM32\\ntdll.dll";
    }

    private String watsonUm(String exception, boolean gadget) {
        return watson("E12", "UMWorkerProcess", "M.Exchange.UM.UMCore",
                "M.E.U.U.CallContext.Deserialize", exception
                        + (gadget
                                ? ", Microsoft.VisualStudio.Text.Formatting"
                                        + ".TextFormattingRunProperties"
                                : ""));
    }

    private String watson(
            String type, String process, String module, String method, String exception) {
        String version = pick(VERSIONS);
        return "Watson report about to be sent for process id: " + pid() + ", with parameters: "
                + type + ", c-RTL-AMD64, " + version + ", " + process + ", " + module + ", "
                + method + ", " + exception + ", " + Integer.toHexString(0x1000
                        + random.nextInt(0xF000)) + "-dumptidset, " + version + ".\n"
                + "ErrorReportingEnabled: False";
    }

    private String unhandledUm(String exception) {
        return "An unhandled exception occurred in a UM worker process: " + exception
                + "\n   at Microsoft.Exchange.UM.UMCore.CallContext.Deserialize(Byte[] data)\n"
                + "   at Microsoft.Exchange.UM.UMCore.PipelineDispatcher.Dispatch(Object state)";
    }

    private String time(long ticks, String zone) {
        long seconds = ticks / 10_000_000L;
        text.setLength(0);
        text.append(file.timePrefix());
        twoDigits(seconds / 60);
        text.append(':');
        twoDigits(seconds % 60);
        text.append('.');
        String fraction = Long.toString(ticks % 10_000_000L);
        for (int i = fraction.length(); i < 7; i++) {
            text.append('0');
        }
        return text.append(fraction).append(zone).toString();
    }

    private void twoDigits(long value) {
        text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private String healthServiceId(String host) {
        return healthServiceIds.computeIfAbsent(host, RowFactory::newHealthServiceId);
    }

    private static String newHealthServiceId(String host) {
        long hash = host.hashCode() * 0x9E3779B97F4A7C15L;
        String hex = String.format(Locale.ROOT, "%016X", hash);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16)
                + "-A" + hex.substring(1, 4) + "-" + hex.substring(4, 16);
    }

    private static String shortName(String host) {
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }

    private static String xml(String value) {
        if (value.indexOf('<') < 0 && value.indexOf('&') < 0 && value.indexOf('>') < 0) {
            return value;
        }
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private int pid() {
        return 1000 + random.nextInt(60000);
    }

    private String ip() {
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
