package dev.kqlhunt.kql;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.kqlhunt.kql.EventRows.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * KQL semantics that a naive SQL translation gets wrong, run on a MiniCluster under a Turkish
 * default locale.
 */
class KqlExpressionSemanticsTest {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = FlinkQueries.miniCluster();

    private static FlinkQueries flink;
    private static Locale previous;

    @BeforeAll
    static void setUp() {
        previous = Locale.getDefault();
        Locale.setDefault(new Locale("tr", "TR"));
        flink = new FlinkQueries();
    }

    @AfterAll
    static void restoreLocale() {
        Locale.setDefault(previous);
    }

    private static List<String> ids(String kql, List<Row> rows) throws Exception {
        CompiledQuery compiled = KqlCompiler.compile(KqlSource.of("test.kql", kql));
        List<String> ids = new ArrayList<>();
        for (Row row : flink.run(compiled.sql(), rows)) {
            ids.add((String) row.getField("TenantId"));
        }
        ids.sort(String::compareTo);
        return ids;
    }

    private static Row row(String id, String source, Integer eventId) {
        return event().set("TenantId", id).set("Source", source).set("EventID", eventId).build();
    }

    @Test
    void stringFunctionsMatchKql() throws Exception {
        String kql =
                """
                Event
                | extend Lower = tolower(Computer), Upper = toupper(Computer)
                | extend Len = strlen(Computer), Dot = indexof(Computer, "."),
                    DotAfter2 = indexof(Computer, ".", 2)
                | extend Tail = substring(Computer, 2), Mid = substring(Computer, 1, 2),
                    AtEnd = substring(Computer, strlen(Computer)), FromEnd = substring(Computer, -2)
                | extend Last = tostring(split(Computer, ".")[-1]),
                    Far = tostring(split(Computer, ".")[5])
                | extend Joined = strcat(Computer, "#", EventID), Trimmed = trim("-", Computer)
                | extend Blank = isempty(Computer), NoId = isempty(EventID)
                | extend Id = tostring(EventID), Parsed = toint(Computer)
                | extend Size = iff(EventID > 100, "big", "s")
                | project TenantId, Lower, Upper, Len, Dot, DotAfter2, Tail, Mid, AtEnd, FromEnd,
                    Last, Far, Joined, Trimmed, Blank, NoId, Id, Parsed, Size
                """;
        List<Row> rows =
                List.of(
                        event().set("TenantId", "1").set("Computer", "FILE.Contoso.com")
                                .set("EventID", 4999).build(),
                        event().set("TenantId", "2").set("Computer", "").build(),
                        event().set("TenantId", "3").set("Computer", "-x-").set("EventID", 7)
                                .build(),
                        event().set("TenantId", "4").set("Computer", "\uD835\uDD3Cab.c").build(),
                        event().set("TenantId", "5").set("Computer", "42").build());
        CompiledQuery compiled = KqlCompiler.compile(KqlSource.of("test.kql", kql));

        List<String> lines = new ArrayList<>();
        for (Row row : flink.run(compiled.sql(), rows)) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.getArity() - 1; i++) {
                line.append(i == 0 ? "" : "|").append(row.getField(i));
            }
            lines.add(line.toString());
        }
        lines.sort(String::compareTo);

        assertThat(lines)
                .containsExactly(
                        "1|file.contoso.com|FILE.CONTOSO.COM|16|4|4|LE.Contoso.com|IL||om|com||"

                                        + "FILE.Contoso.com#4999|FILE.Contoso.com|false|false|4999|null|big",
                        "2|||0|-1|-1|||||||#||true|true||null|s",
                        "3|-x-|-X-|3|-1|-1|-|x-||x-|-x-||-x-#7|x|false|false|7|null|s",
                        "4|\uD835\uDD3Cab.c|\uD835\uDD3CAB.C|5|3|3|b.c|ab||.c|c||"
                                + "\uD835\uDD3Cab.c#|\uD835\uDD3Cab.c|false|true||null|s",
                        "5|42|42|2|-1|-1||2||42|42||42#|42|false|true||42|s");
        assertThat(compiled.columns().get(3)).isEqualTo(new OutputColumn("Len", Type.LONG));
        assertThat(compiled.columns().get(17)).isEqualTo(new OutputColumn("Parsed", Type.INT));
    }

    @Test
    void caseInsensitiveOperatorsIgnoreTurkishLocale() throws Exception {
        List<Row> rows =
                List.of(row("file", "file", 1), row("FILE", "FILE", 1), row("fïle", "fïle", 1));

        assertThat(ids("Event | where Source =~ 'FILE'", rows)).containsExactly("FILE", "file");
        assertThat(ids("Event | where Source !~ 'file'", rows)).containsExactly("fïle");
        assertThat(ids("Event | where Source contains 'IL'", rows)).containsExactly("FILE", "file");
        assertThat(ids("Event | where Source in~ ('file', 'x')", rows))
                .containsExactly("FILE", "file");
        assertThat(ids("Event | where tolower(Source) == 'file'", rows))
                .containsExactly("FILE", "file");
    }

    @Test
    void andBindsTighterThanOr() throws Exception {
        List<Row> rows = List.of(row("a2", "a", 2), row("b2", "b", 2), row("b1", "b", 1));

        assertThat(ids("Event | where Source == 'a' or Source == 'b' and EventID == 1", rows))
                .containsExactly("a2", "b1");
        assertThat(ids("Event | where (Source == 'a' or Source == 'b') and EventID == 1", rows))
                .containsExactly("b1");
    }

    @Test
    void nullNumbersCompareAsKqlDoes() throws Exception {
        List<Row> rows = List.of(row("null", "x", null), row("five", "x", 5));

        assertThat(ids("Event | where EventID != 1", rows)).containsExactly("five", "null");
        assertThat(ids("Event | where EventID == 5", rows)).containsExactly("five");
        assertThat(ids("Event | where EventID < 10 or EventID >= 10", rows))
                .containsExactly("five");
        assertThat(ids("Event | where not(EventID == 5)", rows)).containsExactly("null");
        assertThat(ids("Event | where not(EventID < 10)", rows)).isEmpty();
        assertThat(ids("Event | where EventID in (5, 6)", rows)).containsExactly("five");
        assertThat(ids("Event | where EventID !in (5, 6)", rows)).containsExactly("null");
        assertThat(ids("Event | where (EventID == 5) == false", rows)).containsExactly("null");
        assertThat(ids("Event | where iff(EventID != 5, true, false)", rows))
                .containsExactly("null");
    }

    @Test
    void twoNullNumbersCompareAsNull() throws Exception {
        List<Row> rows =
                List.of(
                        event().set("TenantId", "both-null").build(),
                        event().set("TenantId", "one-null").set("EventID", 5).build(),
                        event().set("TenantId", "equal").set("EventID", 5)
                                .set("EventCategory", 5).build());

        assertThat(ids("Event | where EventID == EventCategory", rows)).containsExactly("equal");
        assertThat(ids("Event | where EventID != EventCategory", rows))
                .containsExactly("one-null");
        assertThat(ids("Event | where not(EventID == EventCategory)", rows))
                .containsExactly("one-null");
    }

    @Test
    void isEmptyOfNegatedPredicates() throws Exception {
        List<Row> rows = List.of(row("null", "x", null), row("ten", "abc", 10));

        assertThat(ids("Event | where isnotempty(Source !contains 'zzz')", rows))
                .containsExactly("null", "ten");
        assertThat(ids("Event | where isempty(EventID !in (5))", rows)).isEmpty();
        assertThat(ids("Event | where isempty(not(EventID > 5))", rows)).containsExactly("null");
        assertThat(ids("Event | where isempty(Source !~ 'a')", rows)).isEmpty();
    }

    @Test
    void negatedNegativeLiteralIsPositive() throws Exception {
        List<Row> rows = List.of(row("one", "x", 1), row("minus", "x", -1));

        assertThat(ids("Event | where EventID == -(-1)", rows)).containsExactly("one");
        assertThat(ids("Event | where EventID == -(-(-1))", rows)).containsExactly("minus");
        assertThat(ids("Event | where EventID + 0.5 == -(-1.5)", rows)).containsExactly("one");
    }

    @Test
    void integerArithmeticIsLong() throws Exception {
        String kql = "Event | where EventID + 1 > 0 | extend Next = EventID + 1,"
                + " Twice = EventID + EventID, Before = EventID - 1 | project TenantId, Next,"
                + " Twice, Before";
        CompiledQuery compiled = KqlCompiler.compile(KqlSource.of("test.kql", kql));
        List<Row> result =
                flink.run(compiled.sql(), List.of(row("max", "x", Integer.MAX_VALUE)));

        assertThat(compiled.columns().get(1)).isEqualTo(new OutputColumn("Next", Type.LONG));
        assertThat(result).hasSize(1);
        assertThat(result.get(0).getField("Next")).isEqualTo(2_147_483_648L);
        assertThat(result.get(0).getField("Twice")).isEqualTo(4_294_967_294L);
        assertThat(result.get(0).getField("Before")).isEqualTo(2_147_483_646L);
        CompiledQuery minus =
                KqlCompiler.compile(KqlSource.of("test.kql", "Event | where EventID - 1 < 0"));
        assertThat(flink.run(minus.sql(), List.of(row("min", "x", Integer.MIN_VALUE))))
                .hasSize(1);
    }

    @Test
    void emptyStringsBehaveAsKqlStrings() throws Exception {
        List<Row> rows = List.of(row("empty", "", 1), row("text", "abc", 1));

        assertThat(ids("Event | where Source !contains 'a'", rows)).containsExactly("empty");
        assertThat(ids("Event | where tostring(split(Source, '.')[0]) == ''", rows))
                .containsExactly("empty");
        assertThat(ids("Event | where Source !in ('abc')", rows)).containsExactly("empty");
        assertThat(ids("Event | where Source startswith ''", rows)).containsExactly("empty",
                "text");
    }

    @Test
    void projectOperatorsFollowKqlColumnRules() throws Exception {
        String kql =
                """
                Event
                | extend Computer = strcat("h-", Computer), Extra = 1
                | project-rename Host = Computer
                | project-away TenantId, SourceSystem
                | project Source, Host, Next = Extra + 1, EventID
                """;
        CompiledQuery compiled = KqlCompiler.compile(KqlSource.of("test.kql", kql));
        List<Row> result = flink.run(compiled.sql(), List.of(row("1", "s", 3)));

        assertThat(compiled.columns())
                .containsExactly(
                        new OutputColumn("Source", Type.STRING),
                        new OutputColumn("Host", Type.STRING),
                        new OutputColumn("Next", Type.LONG),
                        new OutputColumn("EventID", Type.INT));
        assertThat(result).hasSize(1);
        assertThat(result.get(0).getField("Host")).isEqualTo("h-");
        assertThat(result.get(0).getField("Next")).isEqualTo(2L);
        assertThat(result.get(0).getField(CompiledQuery.EVENT_TIME_COLUMN))
                .isEqualTo(EventRows.TIME);
    }

    @Test
    void extendMovesReplacedColumnToEnd() {
        CompiledQuery compiled =
                KqlCompiler.compile(KqlSource.of("test.kql",
                        "Event | project UserName, Computer, EventID"
                                + " | extend UserName = strcat(UserName, '!'), X = 1,"
                                + " EventID = tostring(EventID)"));
        CompiledQuery renamed =
                KqlCompiler.compile(KqlSource.of("test.kql", "Event | project-rename S = Source"));

        assertThat(compiled.columns())
                .containsExactly(
                        new OutputColumn("Computer", Type.STRING),
                        new OutputColumn("UserName", Type.STRING),
                        new OutputColumn("X", Type.LONG),
                        new OutputColumn("EventID", Type.STRING));
        assertThat(renamed.columns().get(3)).isEqualTo(new OutputColumn("S", Type.STRING));
    }
}
