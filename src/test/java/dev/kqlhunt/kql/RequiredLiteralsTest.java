package dev.kqlhunt.kql;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.kqlhunt.rule.RuleLoader;

import static org.assertj.core.api.Assertions.assertThat;

class RequiredLiteralsTest {

    private static Optional<List<List<String>>> of(String query) {
        return RequiredLiterals.of(KqlParser.parse(KqlSource.of("q.kql", query)));
    }

    @Test
    void silkTyphoonRuleRequiresOneLiteralPerWhereAndOnePerBranch() throws Exception {
        Path rule = Path.of("jobs/silk-typhoon-um-service-error/rule.yaml");
        assertThat(Files.isRegularFile(rule)).isTrue();

        assertThat(RequiredLiterals.of(KqlParser.parse(RuleLoader.load(rule).querySource())))
                .contains(List.of(
                        List.of("Application"),
                        List.of("MSExchange"),
                        List.of("error"),
                        List.of(
                                "TextFormattingRunProperties",
                                "An unhandled exception occurred in a UM worker process",
                                "The Microsoft Exchange Unified Messaging service",
                                "MSExchange Unified Messaging")));
    }

    @Test
    void everyPositiveStringTestGivesItsLiteral() {
        assertThat(of("Event | where \"x1\" =~ Source and Computer == \"x2\""
                + " | where Message endswith_cs \"x3\" | where UserName in~ (\"x4\", \"x5\")"))
                .contains(List.of(List.of("x1"), List.of("x2"), List.of("x3"),
                        List.of("x4", "x5")));
    }

    @Test
    void negationsAndOtherTestsGiveNothing() {
        assertThat(of("Event | where Source !contains \"abc\"")).isEmpty();
        assertThat(of("Event | where Source !in~ (\"abc\")")).isEmpty();
        assertThat(of("Event | where EventID == 4625")).isEmpty();
        assertThat(of("Event | where Source != \"abc\"")).isEmpty();
        assertThat(of("Event | where strlen(Source) > 3")).isEmpty();
        assertThat(of("Event | where Source contains \"abc\" and Source !contains \"x\""))
                .contains(List.of(List.of("abc")));
    }

    @Test
    void anOrNeedsALiteralOnEverySide() {
        assertThat(of("Event | where Source contains \"abc\" or EventID == 1")).isEmpty();
        assertThat(of("Event | where Source contains \"abc\" or Source !contains \"d\""))
                .isEmpty();
        assertThat(of("Event | where (Source contains \"ab\" and Message contains \"long one\")"
                + " or Computer startswith \"c\""))
                .contains(List.of(List.of("long one", "c")));
    }

    @Test
    void stopsAtTheFirstOperatorThatIsNotAWhere() {
        assertThat(of("Event | extend Source = Computer | where Source contains \"abc\""))
                .isEmpty();
        assertThat(of("Event | where Message contains \"m\" | extend X = Computer"
                + " | where X contains \"x\""))
                .contains(List.of(List.of("m")));
    }

    @Test
    void dropsLiteralsThatJsonCanWriteDifferently() {
        for (String literal : List.of("", "a\\\"b", "a/b", "a,b", "a:b", "[x", "x}", "é",
                "tab\\there")) {
            assertThat(of("Event | where Source contains \"" + literal + "\""))
                    .as(literal)
                    .isEmpty();
        }
        assertThat(of("Event | where Source contains \"ok\" or Source contains \"a/b\""))
                .isEmpty();
    }
}
