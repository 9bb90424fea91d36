package dev.kqlhunt.kql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KqlParserTest {

    private static Expr predicate(String kql) {
        KqlQuery query = KqlParser.parse(KqlSource.of("t.kql", "Event | where " + kql));
        return ((TabularOperator.Where) query.operators().get(0)).predicate();
    }

    @Test
    void andBindsTighterThanOr() {
        Expr expr = predicate("A == 1 or B == 2 and C == 3");

        assertThat(expr).isInstanceOf(Expr.Binary.class);
        Expr.Binary or = (Expr.Binary) expr;
        assertThat(or.operator()).isEqualTo("or");
        assertThat(((Expr.Binary) or.right()).operator()).isEqualTo("and");
    }

    @Test
    void negatedAndTildeOperatorsAreOneOperator() {
        assertThat(((Expr.Binary) predicate("A !contains 'x'")).operator()).isEqualTo("!contains");
        assertThat(((Expr.Binary) predicate("A !startswith_cs 'x'")).operator())
                .isEqualTo("!startswith_cs");
        assertThat(((Expr.In) predicate("A !in~ ('x', 'y')")).operator()).isEqualTo("!in~");
        assertThat(((Expr.In) predicate("A in~ ('x')")).values()).hasSize(1);
    }

    @Test
    void stringLiteralsDecode() {
        assertThat(literal("\"a\\\"b\\\\c\\n\"")).isEqualTo("a\"b\\c\n");
        assertThat(literal("'it\\'s'")).isEqualTo("it's");
        assertThat(literal("@\"C:\\temp\\\"\"x\"")).isEqualTo("C:\\temp\\\"x");
        assertThat(literal("@'a''b'")).isEqualTo("a'b");
        assertThat(literal("h\"secret\"")).isEqualTo("secret");
        assertThat(literal("H@'c:\\x'")).isEqualTo("c:\\x");
        assertThat(literal("'\\u00e9'")).isEqualTo("é");
    }

    private static String literal(String kql) {
        Expr.Binary equals = (Expr.Binary) predicate("A == " + kql);
        return ((Expr.StringLiteral) equals.right()).value();
    }

    @Test
    void commentsAndNumbersParse() {
        KqlQuery query =
                KqlParser.parse(KqlSource.of("t.kql", """
                        Event // the table
                        // a whole comment line
                        | extend X = -2, Y = 1.5e3, Z = true
                        | project-rename W = X
                        """));

        assertThat(query.operators()).hasSize(2);
        TabularOperator.Extend extend = (TabularOperator.Extend) query.operators().get(0);
        assertThat(extend.assignments().get(0).expression())
                .isEqualTo(new Expr.Negate(new Expr.LongLiteral(2, new KqlPosition(2, 15)),
                        new KqlPosition(2, 14)));
        assertThat(extend.assignments().get(1).expression())
                .isEqualTo(new Expr.RealLiteral("1.5e3", new KqlPosition(2, 22)));
        assertThat(extend.position()).isEqualTo(new KqlPosition(2, 3));
        TabularOperator.ProjectRename rename = (TabularOperator.ProjectRename) query.operators()
                .get(1);
        assertThat(rename.renames().get(0).oldName().name()).isEqualTo("X");
    }

    @Test
    void compilePredicateRefersToColumnsByName() {
        String sql = KqlCompiler.compilePredicate(
                KqlSource.of("tuning.yaml", "HostName =~ 'exch01' and Level > 2"),
                List.of(new OutputColumn("HostName", Type.STRING),
                        new OutputColumn("Level", Type.INT)));

        assertThat(sql).isEqualTo("KQL_EQUALS_IGNORE_CASE(`HostName`, 'exch01')\nAND `Level` > 2");
    }
}
