package dev.kqlhunt.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.kqlhunt.events.EventSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the Silk Typhoon UM service error rule in DuckDB over the same archive kql-hunt reads, with
 * KQL's semantics, and writes the matches as JSON lines in KQL's column order.
 *
 * <p>The driver is reached only through JDBC ({@code jdbc:duckdb:}), so this class compiles without
 * it. It must be on the class path at run time, as it is in the test class path.
 */
public final class DuckDbPeer {

    /** Replaced by the quoted path or glob of the archive's files. */
    static final String FILES_PLACEHOLDER = "{{FILES}}";

    /**
     * The rule's KQL, translated by hand:
     *
     * <pre>
     * Event
     * | where EventLog =~ "Application"
     * | where Source startswith "MSExchange"
     * | where EventLevelName =~ "error"
     * | where (RenderedDescription startswith "Watson report"
     *          and RenderedDescription contains "umworkerprocess"
     *          and RenderedDescription contains "TextFormattingRunProperties")
     *     or RenderedDescription startswith
     *            "An unhandled exception occurred in a UM worker process"
     *     or RenderedDescription startswith "The Microsoft Exchange Unified Messaging service"
     *     or RenderedDescription contains "MSExchange Unified Messaging"
     * | where RenderedDescription !contains "System.OutOfMemoryException"
     * | extend HostName = tostring(split(Computer, ".")[0]),
     *          DomainIndex = toint(indexof(Computer, '.'))
     * | extend HostNameDomain =
     *          iff(DomainIndex != -1, substring(Computer, DomainIndex + 1), Computer)
     * | project-away DomainIndex
     * </pre>
     *
     * <p>NOTE: lower() folds case by Unicode's simple lower-case mapping (DuckDB 2.0, the same
     * under any locale). Where that differs from KQL's case-insensitive comparison for non-ASCII
     * letters, such as the Kelvin sign or a dotless i against the ASCII needles, the two can
     * disagree; the generator writes no such letter where it decides a match.
     */
    public static final String RULE_SQL = """
            WITH Event AS (
                SELECT
                    -- KQL strings are never null: a missing key or a JSON null reads as ''.
                    COALESCE(TenantId, '') AS TenantId,
                    COALESCE(SourceSystem, '') AS SourceSystem,
                    -- Kept as text: DuckDB's TIMESTAMP holds microseconds, KQL's datetime
                    -- 100-nanosecond ticks, so parsing would drop the seventh digit.
                    TimeGenerated,
                    COALESCE(Source, '') AS Source,
                    COALESCE(EventLog, '') AS EventLog,
                    COALESCE(Computer, '') AS Computer,
                    EventLevel,
                    COALESCE(EventLevelName, '') AS EventLevelName,
                    COALESCE(ParameterXml, '') AS ParameterXml,
                    COALESCE(EventData, '') AS EventData,
                    EventID,
                    COALESCE(RenderedDescription, '') AS RenderedDescription,
                    COALESCE(AzureDeploymentID, '') AS AzureDeploymentID,
                    COALESCE(Role, '') AS Role,
                    EventCategory,
                    COALESCE(UserName, '') AS UserName,
                    COALESCE(Message, '') AS Message,
                    COALESCE(MG, '') AS MG,
                    COALESCE(ManagementGroupName, '') AS ManagementGroupName,
                    COALESCE(Type, '') AS Type,
                    COALESCE(_ResourceId, '') AS _ResourceId,
                    COALESCE(_SubscriptionId, '') AS _SubscriptionId,
                    _BilledSize,
                    COALESCE(_IsBillable, '') AS _IsBillable
                -- Explicit types: nothing is sampled or guessed, and keys may come in any order.
                -- hive_partitioning is off because the export's folder names (y=, m=, d=, h=, m=)
                -- look like Hive partitions, and month and minute share the key m.
                FROM read_ndjson(
                    {{FILES}},
                    columns = {
                        TenantId: 'VARCHAR', SourceSystem: 'VARCHAR', TimeGenerated: 'VARCHAR',
                        Source: 'VARCHAR', EventLog: 'VARCHAR', Computer: 'VARCHAR',
                        EventLevel: 'INTEGER', EventLevelName: 'VARCHAR', ParameterXml: 'VARCHAR',
                        EventData: 'VARCHAR', EventID: 'INTEGER', RenderedDescription: 'VARCHAR',
                        AzureDeploymentID: 'VARCHAR', Role: 'VARCHAR', EventCategory: 'INTEGER',
                        UserName: 'VARCHAR', Message: 'VARCHAR', MG: 'VARCHAR',
                        ManagementGroupName: 'VARCHAR', Type: 'VARCHAR', _ResourceId: 'VARCHAR',
                        _SubscriptionId: 'VARCHAR', _BilledSize: 'DOUBLE', _IsBillable: 'VARCHAR'
                    },
                    hive_partitioning = false,
                    filename = false
                )
            )
            SELECT
                TenantId,
                SourceSystem,
                -- Always seven fractional digits, as KQL writes a datetime.
                left(TimeGenerated, 19) || '.'
                    || rpad(regexp_extract(TimeGenerated, '\\.([0-9]+)Z$', 1), 7, '0')
                    || 'Z' AS TimeGenerated,
                Source,
                EventLog,
                Computer,
                EventLevel,
                EventLevelName,
                ParameterXml,
                EventData,
                EventID,
                RenderedDescription,
                AzureDeploymentID,
                Role,
                EventCategory,
                UserName,
                Message,
                MG,
                ManagementGroupName,
                Type,
                _ResourceId,
                _SubscriptionId,
                _BilledSize,
                _IsBillable,
                -- split(Computer, ".")[0]: the text before the first '.', all of it when there is
                -- none, '' for ''. split_part counts parts from 1.
                split_part(Computer, '.', 1) AS HostName,
                -- indexof is 0-based and -1 when absent; strpos is 1-based and 0 when absent, so
                -- DomainIndex = strpos - 1. KQL's substring(s, DomainIndex + 1) starts at 0-based
                -- position strpos, which is 1-based position strpos + 1. Both count characters of
                -- the same string up to the same '.', so the cut is the same.
                CASE
                    WHEN strpos(Computer, '.') > 0 THEN substr(Computer, strpos(Computer, '.') + 1)
                    ELSE Computer
                END AS HostNameDomain
            FROM Event
            -- =~ is case-insensitive equality.
            WHERE lower(EventLog) = 'application'
              -- startswith and contains are case-insensitive, so both sides are lower-cased
              -- (the needles by hand).
              AND starts_with(lower(Source), 'msexchange')
              AND lower(EventLevelName) = 'error'
              AND (
                    (starts_with(lower(RenderedDescription), 'watson report')
                        AND contains(lower(RenderedDescription), 'umworkerprocess')
                        AND contains(lower(RenderedDescription), 'textformattingrunproperties'))
                    OR starts_with(lower(RenderedDescription),
                        'an unhandled exception occurred in a um worker process')
                    OR starts_with(lower(RenderedDescription),
                        'the microsoft exchange unified messaging service')
                    OR contains(lower(RenderedDescription), 'msexchange unified messaging')
                  )
              -- !contains is the plain negation: true for '' (a missing description).
              AND NOT contains(lower(RenderedDescription), 'system.outofmemoryexception')
              -- A row whose TimeGenerated is not an ISO-8601 UTC instant with at most seven
              -- fractional digits never reaches the rule, as kql-hunt rejects it.
              AND regexp_full_match(TimeGenerated,
                    '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,7})?Z')
              AND TRY_CAST(left(TimeGenerated, 19) AS TIMESTAMP) IS NOT NULL
            """;

    /** The output columns: the {@code Event} table's, then the two the rule extends. */
    public static List<String> outputColumns() {
        List<String> names = new ArrayList<>();
        for (EventSchema.Column column : EventSchema.columns()) {
            names.add(column.name());
        }
        names.add("HostName");
        names.add("HostNameDomain");
        return names;
    }

    private DuckDbPeer() {}

    /** Returns the SQL over {@code events}: one file, or every *.json file under a folder. */
    static String sqlFor(Path events) {
        String target = events.toAbsolutePath().normalize().toString();
        if (Files.isDirectory(events)) {
            target = target + "/**/*.json";
        }
        return RULE_SQL.replace(FILES_PLACEHOLDER, "'" + target.replace("'", "''") + "'");
    }

    /** Runs the rule over {@code events}, writes the matches to {@code out} and counts them. */
    public static long run(Path events, Path out) throws SQLException, IOException {
        if (!Files.exists(events)) {
            throw new IllegalArgumentException("event archive " + events + " not found");
        }
        List<String> columns = outputColumns();
        JsonFactory json = new JsonFactory();
        long matches = 0;
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sqlFor(events));
                JsonGenerator writer = json.createGenerator(out.toFile(), JsonEncoding.UTF8)) {
            writer.setRootValueSeparator(null);
            while (rows.next()) {
                writeRow(writer, rows, columns);
                matches++;
            }
        }
        return matches;
    }

    private static Connection connect() throws SQLException {
        try {
            return DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new SQLException("cannot open DuckDB: " + e.getMessage()
                    + "; the DuckDB JDBC driver (org.duckdb:duckdb_jdbc) must be on the class"
                    + " path, as bench/run.sh puts it", e);
        }
    }

    private static void writeRow(JsonGenerator writer, ResultSet rows, List<String> columns)
            throws SQLException, IOException {
        writer.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
            writer.writeFieldName(columns.get(i));
            Object value = rows.getObject(i + 1);
            if (value == null) {
                writer.writeNull();
            } else if (value instanceof Integer number) {
                writer.writeNumber(number);
            } else if (value instanceof Double number) {
                writer.writeNumber(number);
            } else {
                writer.writeString(value.toString());
            }
        }
        writer.writeEndObject();
        writer.writeRaw('\n');
    }

    /** Runs the rule over {@code args[0]} and writes the matches to {@code args[1]}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: DuckDbPeer EVENTS_PATH MATCHES_FILE");
            System.exit(2);
        }
        long matches = run(Path.of(args[0]), Path.of(args[1]));
        System.out.println("matches=" + matches);
    }
}
