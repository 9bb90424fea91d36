package dev.kqlhunt.lint;

import dev.kqlhunt.lint.PredicateLogic.Truth;
import dev.kqlhunt.lint.StringTest.Kind;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class StringImplicationTest {

    @ParameterizedTest(name = "{0} \"{1}\" then {2} \"{3}\" is {4}")
    @CsvSource(delimiter = '|', value = {
        // A value equivalent to "error" ignoring case passes every case-insensitive test as
        // "error" does.
        "=~ | error | =~ | ERROR | TRUE",
        "=~ | error | !~ | warning | TRUE",
        "=~ | error | startswith | ERR | TRUE",
        "=~ | error | contains | RRO | TRUE",
        "=~ | error | endswith | oR | TRUE",
        "=~ | error | contains | x | FALSE",
        // Case-sensitive tests depend on the case the value has, unless the characters have none.
        "=~ | error | == | error | UNKNOWN",
        "=~ | error | == | ERROR | UNKNOWN",
        "=~ | host-01 | contains_cs | -01 | TRUE",
        "=~ | error | != | warning | TRUE",
        "=~ | error | == | warning | FALSE",
        // KQL's ordinal comparison does not match the dotless i or the long s with ASCII letters.
        "=~ | ıd | =~ | ID | FALSE",
        "=~ | ſa | startswith | s | FALSE",
        "=~ | ÉXCH | =~ | éxch | TRUE",
        "== | Error | =~ | ERROR | TRUE",
        "== | Error | == | error | FALSE",
        "== | Error | startswith_cs | Err | TRUE",
        // A prefix leaves the rest of the value free.
        "startswith | MSExchange | startswith | msex | TRUE",
        "startswith | MSExchange | startswith | MSExchangeIS | UNKNOWN",
        "startswith | MSExchange | startswith | System | FALSE",
        "startswith | MSExchange | =~ | Microsoft | FALSE",
        "startswith | MSExchange | =~ | MSExchange Common | UNKNOWN",
        "startswith | MSExchange | !~ | Microsoft | TRUE",
        "startswith | MSExchange | endswith | Common | UNKNOWN",
        "startswith_cs | MSEx | startswith_cs | MS | TRUE",
        "contains | Unified | contains | nifi | TRUE",
        "contains | Unified | == | Messaging | FALSE",
        "endswith | .com | endswith | COM | TRUE",
        // A negated fact rules out the values that pass the test it negates.
        "!contains | OutOfMemory | contains | System.OutOfMemoryException | FALSE",
        "!contains | OutOfMemory | !contains | System.OutOfMemoryException | TRUE",
        "!contains | OutOfMemory | contains | Memory | UNKNOWN",
        "!contains_cs | OOM | contains | oom | UNKNOWN",
        "!~ | error | =~ | ERROR | FALSE",
        "!= | Error | =~ | error | UNKNOWN"
    })
    void factDecidesTest(String factOperator, String factLiteral, String testOperator,
            String testLiteral, Truth expected) {
        StringTest fact = test(factOperator, factLiteral);
        StringTest test = test(testOperator, testLiteral);

        assertThat(StringImplication.given(fact, test)).isEqualTo(expected);
    }

    /**
     * Checks every TRUE and FALSE on random tests against every value up to three characters from
     * an alphabet with case pairs, the dotless i, the long s and an uncased character.
     */
    @Test
    void decisionsHoldForEveryShortValue() {
        String alphabet = "aAıIſsSéÉ-";
        List<String> values = new ArrayList<>(List.of(""));
        for (int length = 1; length <= 3; length++) {
            List<String> longer = new ArrayList<>();
            for (String value : values) {
                if (value.length() == length - 1) {
                    for (char c : alphabet.toCharArray()) {
                        longer.add(value + c);
                    }
                }
            }
            values.addAll(longer);
        }
        String[] operators = {"==", "!=", "=~", "!~", "contains", "!contains_cs", "startswith",
            "startswith_cs", "!startswith", "endswith", "endswith_cs", "contains_cs"};
        Random random = new Random(20211);
        int decided = 0;
        for (int round = 0; round < 3000; round++) {
            StringTest fact = test(operators[random.nextInt(operators.length)],
                    randomLiteral(random, alphabet));
            StringTest test = test(operators[random.nextInt(operators.length)],
                    randomLiteral(random, alphabet));
            Truth truth = StringImplication.given(fact, test);
            if (truth == Truth.UNKNOWN) {
                continue;
            }
            decided++;
            for (String value : values) {
                if (fact.holds(value)) {
                    assertThat(test.holds(value))
                            .as("%s then %s for \"%s\"", fact.render(), test.render(), value)
                            .isEqualTo(truth == Truth.TRUE);
                }
            }
        }
        assertThat(decided).as("decided pairs").isGreaterThan(300);
    }

    private static String randomLiteral(Random random, String alphabet) {
        StringBuilder literal = new StringBuilder();
        int length = random.nextInt(3);
        for (int i = 0; i < length; i++) {
            literal.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return literal.toString();
    }

    private static StringTest test(String operator, String literal) {
        boolean negated = operator.startsWith("!");
        String name = switch (operator) {
            case "!=" -> "==";
            case "!~" -> "=~";
            default -> negated ? operator.substring(1) : operator;
        };
        boolean ignoreCase = !name.equals("==") && !name.endsWith("_cs");
        Kind kind = switch (name.replace("_cs", "")) {
            case "==", "=~" -> Kind.EQUALS;
            case "startswith" -> Kind.STARTS;
            case "endswith" -> Kind.ENDS;
            default -> Kind.CONTAINS;
        };
        return new StringTest("Column", kind, ignoreCase, negated, literal);
    }
}
