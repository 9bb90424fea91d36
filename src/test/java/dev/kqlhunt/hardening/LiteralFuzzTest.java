package dev.kqlhunt.hardening;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import dev.kqlhunt.events.EventSchema;
import dev.kqlhunt.kql.KqlCompiler;
import dev.kqlhunt.kql.KqlSource;
import dev.kqlhunt.kql.KqlStrings;
import dev.kqlhunt.kql.functions.KqlFunctions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles {@code where RenderedDescription contains "<literal>"} for random literals built from
 * pieces that could break SQL quoting or act as wildcards. The compiled SQL must differ from a
 * placeholder rule's only in the string literal, which must decode to the literal, and on Flink
 * the rule must return exactly the rows that {@link KqlStrings#containsIgnoreCase} selects. See
 * {@link Fuzz} for the number of literals and the seed.
 */
class LiteralFuzzTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    /** Literals that are also evaluated on Flink, all in one job. */
    private static final int FLINK_LITERALS = 12;

    private static final String[] PIECES = {
        "'", "''", "\"", "\\", "\\'", "--", "/*", "*/", "%", "_", "\n", "\r\n", "\t", ";", "`",
        "${x}", "?", "CHR(10)", "' OR '1'='1", "é", "É", "ß", "SS", "İ", "ı", "ſ", "K", "ǅ",
        "日本", "😀", "\u2028", "\u0085", "\u00a0", "a", "A", "x", "Z", " ", "0"
    };

    private static final String PLACEHOLDER = "PLACEHOLDER";
    private static final String TEMPLATE = "Event | where RenderedDescription contains %s";

    @Test
    void literalChangesOnlyTheSqlLiteral() {
        String placeholderSql = sql(kqlLiteral(PLACEHOLDER));
        String code = withoutCommentLines(placeholderSql);
        int at = code.indexOf("'" + PLACEHOLDER + "'");
        assertThat(code.indexOf("'" + PLACEHOLDER + "'", at + 1)).isNegative();
        String head = code.substring(0, at);
        String tail = code.substring(at + PLACEHOLDER.length() + 2);
        Random random = Fuzz.random();

        for (int i = 0; i < Fuzz.LITERALS; i++) {
            String literal = randomLiteral(random);
            String context = "seed " + Fuzz.SEED + ", literal " + i + " " + visible(literal);

            String compiled = sql(kqlLiteral(literal));

            assertThat(compiled.lines().count())
                    .as(context)
                    .isEqualTo(placeholderSql.lines().count());
            String fuzzedCode = withoutCommentLines(compiled);
            assertThat(fuzzedCode).as(context).startsWith(head).endsWith(tail);
            String sqlLiteral =
                    fuzzedCode.substring(head.length(), fuzzedCode.length() - tail.length());
            assertThat(SqlLiterals.decode(sqlLiteral)).as(context + " " + sqlLiteral)
                    .isEqualTo(literal);
        }
    }

    @Test
    void matchesEqualPlainJavaEvaluation() throws Exception {
        Random random = Fuzz.random();
        List<String> conditions = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        TreeSet<String> expected = new TreeSet<>();
        for (int i = 0; i < FLINK_LITERALS; i++) {
            String literal = randomLiteral(random);
            String group = "literal-" + i;
            conditions.add(
                    "(Computer == \"" + group + "\" and RenderedDescription contains "
                            + kqlLiteral(literal) + ")");
            List<String> descriptions = descriptionsAround(literal, random);
            for (int j = 0; j < descriptions.size(); j++) {
                String id = group + " row " + j + " " + visible(descriptions.get(j));
                rows.add(event(id, group, descriptions.get(j)));
                if (KqlStrings.containsIgnoreCase(descriptions.get(j), literal)) {
                    expected.add(id);
                }
            }
        }
        String kql = "Event | where " + String.join("\n    or ", conditions);

        TreeSet<String> actual = run(KqlCompiler.compile(KqlSource.of("fuzz.kql", kql)).sql(), rows);

        assertThat(actual).as("seed %d", Fuzz.SEED).isEqualTo(expected);
    }

    /**
     * Descriptions that hold the literal as it is, in other case, with a piece missing or with
     * wildcard characters swapped, and random text.
     */
    private static List<String> descriptionsAround(String literal, Random random) {
        List<String> descriptions = new ArrayList<>();
        descriptions.add(literal);
        descriptions.add("before " + literal + " after");
        descriptions.add(KqlStrings.toUpper(literal));
        descriptions.add(KqlStrings.toLower("x" + literal));
        descriptions.add(literal.toUpperCase(java.util.Locale.ROOT));
        if (!literal.isEmpty()) {
            int cut = random.nextInt(literal.length());
            descriptions.add(literal.substring(0, cut) + literal.substring(cut + 1));
        }
        descriptions.add(literal.replace('%', 'x').replace('_', 'y'));
        descriptions.add(literal.replace("'", "''"));
        descriptions.add(literal.replace("\\", ""));
        descriptions.add(randomLiteral(random));
        descriptions.add("");
        return descriptions;
    }

    /** Runs {@code sql} over {@code rows} in one batch job and returns the TenantIds it selects. */
    private static TreeSet<String> run(String sql, List<Row> rows) throws Exception {
        TableEnvironment tableEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        KqlFunctions.registerAll(tableEnv);
        tableEnv.createTemporaryView("Event", tableEnv.fromValues(EventSchema.rowType(), rows));
        TreeSet<String> ids = new TreeSet<>();
        try (CloseableIterator<Row> result = tableEnv.sqlQuery(sql).execute().collect()) {
            result.forEachRemaining(row -> ids.add((String) row.getField("TenantId")));
        }
        return ids;
    }

    private static Row event(String id, String computer, String description) {
        Row row = Row.withPositions(EventSchema.size());
        for (EventSchema.Column column : EventSchema.columns()) {
            if (column.type() == EventSchema.KqlType.STRING) {
                row.setField(column.index(), "");
            }
        }
        row.setField(index("TenantId"), id);
        row.setField(index("Computer"), computer);
        row.setField(index("RenderedDescription"), description);
        row.setField(index(EventSchema.TIME_GENERATED), LocalDateTime.of(2021, 3, 2, 10, 0));
        return row;
    }

    private static int index(String column) {
        return EventSchema.column(column).orElseThrow().index();
    }

    private static String randomLiteral(Random random) {
        int pieces = random.nextInt(6);
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            literal.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return literal.toString();
    }

    private static String sql(String kqlLiteral) {
        return KqlCompiler.compile(KqlSource.of("fuzz.kql", TEMPLATE.formatted(kqlLiteral))).sql();
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

    private static String withoutCommentLines(String sql) {
        StringBuilder out = new StringBuilder();
        for (String line : sql.split("\n", -1)) {
            if (!line.strip().startsWith("--")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static String visible(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : c);
        }
        return out.append('"').toString();
    }
}
