package dev.kqlhunt.kql;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static dev.kqlhunt.kql.EventRows.event;
import static org.assertj.core.api.Assertions.assertThat;

/** Literals that could break SQL quoting or act as LIKE wildcards match only themselves. */
class NastyLiteralTest {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = FlinkQueries.miniCluster();

    private static final List<String> LITERALS =
            List.of(
                    "'", "''", "\\", "\\'", "%", "_", "a%b_c", "--", "/*", "*/", "x' OR '1'='1",
                    "'); DROP TABLE Event; --", "line1\nline2", "\r\n", "\t", "été", "日本語",
                    "\uD835\uDD3C", "`", "${x}", "?", "a ", " ", "\"", "\u2028", "-- x\n*/ y");

    private static FlinkQueries flink;

    @BeforeAll
    static void setUp() {
        flink = new FlinkQueries();
    }

    /** Writes {@code value} as a KQL double-quoted literal with backslash escapes. */
    private static String kqlLiteral(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String withoutComments(String sql) {
        StringBuilder out = new StringBuilder();
        for (String line : sql.split("\n", -1)) {
            if (!line.strip().startsWith("--")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    @Test
    void literalChangesOnlyTheSqlLiteral() {
        String template = "Event | where Message contains %s or Message == %s";
        String placeholder = KqlCompiler.compile(KqlSource.of("t.kql",
                template.formatted("\"PLACEHOLDER\"", "\"PLACEHOLDER\""))).sql();

        for (String literal : LITERALS) {
            String kql = template.formatted(kqlLiteral(literal), kqlLiteral(literal));
            String sql = KqlCompiler.compile(KqlSource.of("t.kql", kql)).sql();
            String expected = withoutComments(placeholder)
                    .replace("'PLACEHOLDER'", SqlText.stringLiteral(literal));

            assertThat(withoutComments(sql)).as(literal).isEqualTo(expected);
            assertThat(sql.lines().count()).as(literal).isEqualTo(placeholder.lines().count());
        }
    }

    @Test
    void literalsMatchOnlyThemselves() throws Exception {
        List<Row> rows = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < LITERALS.size(); i++) {
            String literal = LITERALS.get(i);
            rows.add(event().set("TenantId", "equal-" + i).set("Message", literal).build());
            rows.add(event().set("TenantId", "padded-" + i).set("Message", literal + " ").build());
            rows.add(event().set("TenantId", "inside-" + i)
                    .set("UserName", "<" + literal + ">").build());
            conditions.add("Message == " + kqlLiteral(literal));
            conditions.add("UserName contains " + kqlLiteral("<" + literal + ">"));
            expected.add("equal-" + i);
            expected.add("inside-" + i);
        }
        // Neither rows of plain text nor a LIKE-style match of "%" or "_" may pass.
        rows.add(event().set("TenantId", "plain").set("Message", "abc").set("UserName", "abc")
                .build());
        rows.add(event().set("TenantId", "wildcard").set("Message", "aXbYc").build());
        String kql = "Event | where " + String.join(" or ", conditions);
        CompiledQuery compiled = KqlCompiler.compile(KqlSource.of("t.kql", kql));

        List<String> ids = new ArrayList<>();
        for (Row row : flink.run(compiled.sql(), rows)) {
            ids.add((String) row.getField("TenantId"));
        }

        // "a " padded is "a  ", and " " padded is "  ": neither equals its literal.
        assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
    }
}
