package dev.kqlhunt.kql;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.kqlhunt.kql.EventRows.event;
import static org.assertj.core.api.Assertions.assertThat;

/** The Silk Typhoon UM service error rule, compiled and run on a MiniCluster. */
class SilkTyphoonQueryTest {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = FlinkQueries.miniCluster();

    private static final String UM_SERVICE =
            "The Microsoft Exchange Unified Messaging service failed to start.";
    private static final String WATSON =
            "Watson report about to be sent for process id: 4711, with parameters: E12,"
                    + " c-RTL-AMD64, 15.01.2176.002, UMWorkerProcess.exe,"
                    + " M.E.TextFormattingRunProperties, System.Runtime.Serialization";

    private static FlinkQueries flink;
    private static List<Row> results;

    @BeforeAll
    static void runRule() throws Exception {
        flink = new FlinkQueries();
        CompiledQuery compiled = KqlCompiler.compile(new KqlSource("rule.yaml", query(), 20, 2));
        results = flink.run(compiled.sql(), events());
    }

    static String query() throws Exception {
        try (InputStream in = SilkTyphoonQueryTest.class.getResourceAsStream("silk-typhoon.kql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Row umError(String id, String description, String computer) {
        return event()
                .set("TenantId", id)
                .set("EventLog", "Application")
                .set("Source", "MSExchange Unified Messaging")
                .set("EventLevelName", "Error")
                .set("EventLevel", 1)
                .set("RenderedDescription", description)
                .set("Computer", computer)
                .build();
    }

    private static List<Row> events() {
        List<Row> rows = new ArrayList<>();
        rows.add(umError("tp-um-service", UM_SERVICE, "exch01.contoso.com"));
        rows.add(umError("tp-watson", WATSON, "exch01.contoso.com"));
        rows.add(umError("tp-worker", "An unhandled exception occurred in a UM worker process:"
                + " System.InvalidCastException", "exch01.contoso.com"));
        rows.add(umError("tp-msexchange-um", "Service MSExchange Unified Messaging stopped.",
                "exch01.contoso.com"));
        rows.add(umError("tp-multiline", "Watson report about to be sent\r\nprocess:"
                + " umworkerprocess\nfault in TextFormattingRunProperties", "exch01.contoso.com"));
        rows.add(umError("near-call-router", "The Microsoft Exchange Unified Messaging Call Router"
                + " service failed to start.", "exch01.contoso.com"));
        rows.add(umError("near-watson-without-um", "Watson report about to be sent for process id:"
                + " 1, with parameters: w3wp, TextFormattingRunProperties", "exch01.contoso.com"));
        rows.add(umError("near-oom", UM_SERVICE + " System.OutOfMemoryException",
                "exch01.contoso.com"));
        rows.add(umError("near-oom-lower-case", UM_SERVICE + " system.outofmemoryexception",
                "exch01.contoso.com"));
        rows.add(umError("near-leading-spaces", "  " + UM_SERVICE, "exch01.contoso.com"));
        rows.add(event().set("TenantId", "near-warning").set("EventLog", "Application")
                .set("Source", "MSExchange Unified Messaging").set("EventLevelName", "Warning")
                .set("RenderedDescription", UM_SERVICE).build());
        rows.add(event().set("TenantId", "near-system-log").set("EventLog", "System")
                .set("Source", "MSExchange Unified Messaging").set("EventLevelName", "Error")
                .set("RenderedDescription", UM_SERVICE).build());
        rows.add(event().set("TenantId", "near-source").set("EventLog", "Application")
                .set("Source", " MSExchange Unified Messaging").set("EventLevelName", "Error")
                .set("RenderedDescription", UM_SERVICE).build());
        rows.add(event().set("TenantId", "tp-case-folded").set("EventLog", "APPLICATION")
                .set("Source", "msexchange unified messaging").set("EventLevelName", "ERROR")
                .set("RenderedDescription", UM_SERVICE.toUpperCase(java.util.Locale.ROOT)).set("Computer", "x.y")
                .build());
        rows.add(umError("computer-empty", UM_SERVICE, ""));
        rows.add(umError("computer-no-dot", UM_SERVICE, "EXCH01"));
        rows.add(umError("computer-trailing-dot", UM_SERVICE, "exch01."));
        rows.add(umError("computer-leading-dot", UM_SERVICE, ".contoso.com"));
        rows.add(umError("computer-ip", UM_SERVICE, "10.0.0.5"));
        rows.add(umError("computer-upper-case", UM_SERVICE, "EXCH01.CONTOSO.COM"));
        rows.add(umError("computer-non-ascii", UM_SERVICE, "sérveur-ü.exemple.fr"));
        rows.add(umError("computer-astral", UM_SERVICE, "\uD835\uDD3Cxch.contoso"));
        return rows;
    }

    private static List<String> summary() {
        List<String> lines = new ArrayList<>();
        for (Row row : results) {
            lines.add(row.getField("TenantId") + " | " + row.getField("Computer") + " | "
                    + row.getField("HostName") + " | " + row.getField("HostNameDomain"));
        }
        lines.sort(String::compareTo);
        return lines;
    }

    @Test
    void returnsExactlyExpectedRows() {
        assertThat(summary())
                .containsExactly(
                        "computer-astral | \uD835\uDD3Cxch.contoso | \uD835\uDD3Cxch | contoso",
                        "computer-empty |  |  | ",
                        "computer-ip | 10.0.0.5 | 10 | 0.0.5",
                        "computer-leading-dot | .contoso.com |  | contoso.com",
                        "computer-no-dot | EXCH01 | EXCH01 | EXCH01",
                        "computer-non-ascii | sérveur-ü.exemple.fr | sérveur-ü | exemple.fr",
                        "computer-trailing-dot | exch01. | exch01 | ",
                        "computer-upper-case | EXCH01.CONTOSO.COM | EXCH01 | CONTOSO.COM",
                        "tp-case-folded | x.y | x | y",
                        "tp-msexchange-um | exch01.contoso.com | exch01 | contoso.com",
                        "tp-multiline | exch01.contoso.com | exch01 | contoso.com",
                        "tp-um-service | exch01.contoso.com | exch01 | contoso.com",
                        "tp-watson | exch01.contoso.com | exch01 | contoso.com",
                        "tp-worker | exch01.contoso.com | exch01 | contoso.com");
    }

    @Test
    void tuningPredicateExcludesRows() throws Exception {
        CompiledQuery compiled = KqlCompiler.compile(new KqlSource("rule.yaml", query(), 20, 2));
        String exclusion = KqlCompiler.compilePredicate(
                KqlSource.of("tuning.yaml", "HostNameDomain =~ 'CONTOSO.com' or HostName == ''"),
                compiled.columns());
        String sql = "SELECT `TenantId` FROM (\n" + compiled.sql() + ")\nWHERE NOT (\n"
                + exclusion + "\n)";

        List<String> ids = new ArrayList<>();
        for (Row row : flink.run(sql, events())) {
            ids.add((String) row.getField("TenantId"));
        }
        ids.sort(String::compareTo);

        assertThat(ids).containsExactly("computer-astral", "computer-ip", "computer-no-dot",
                "computer-non-ascii", "computer-trailing-dot", "tp-case-folded");
    }

    @Test
    void resultKeepsKqlColumnsThenEventTime() {
        Row first = results.get(0);
        List<String> names = new ArrayList<>(first.getFieldNames(true));

        assertThat(names).hasSize(27);
        assertThat(names.subList(24, 27))
                .containsExactly("HostName", "HostNameDomain", CompiledQuery.EVENT_TIME_COLUMN);
        assertThat(first.getField(CompiledQuery.EVENT_TIME_COLUMN)).isEqualTo(EventRows.TIME);
    }
}
