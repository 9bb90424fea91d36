package dev.kqlhunt.events;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;

import dev.kqlhunt.kql.KqlParser;
import dev.kqlhunt.kql.KqlStrings;
import dev.kqlhunt.kql.RequiredLiterals;
import dev.kqlhunt.rule.RuleLoader;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinePrefilterTest {

    /** The groups the Silk Typhoon rule's query gives. */
    private static final List<List<String>> RULE =
            RequiredLiterals.of(
                            KqlParser.parse(
                                    RuleLoader.load(
                                                    Path.of("jobs/silk-typhoon-um-service-error"
                                                            + "/rule.yaml"))
                                            .querySource()))
                    .orElseThrow();

    private static final String TIME = "\"TimeGenerated\":\"2021-03-02T10:15:30Z\"";

    private final LinePrefilter prefilter = new LinePrefilter(List.of(RULE));

    private static String line(String eventLog, String source, String level, String text) {
        return "{" + TIME + ",\"EventLog\":\"" + eventLog + "\",\"Source\":\"" + source
                + "\",\"EventLevelName\":\"" + level + "\",\"RenderedDescription\":\"" + text
                + "\"}";
    }

    @Test
    void passesLiteralsInAnyCase() {
        assertThat(prefilter.mayMatch(line("APPLICATION", "msexchangeum", "Error",
                "the microsoft exchange UNIFIED messaging service stopped"))).isTrue();
    }

    @Test
    void skipsTextThatLacksAGroup() {
        assertThat(prefilter.mayMatch(line("Application", "MSExchangeUM", "Error",
                "The Microsoft Exchange Unified Messagin service"))).isFalse();
        assertThat(prefilter.mayMatch(line("System", "MSExchangeUM", "Error",
                "MSExchange Unified Messaging"))).isFalse();
    }

    @Test
    void passesTextWithAUnicodeEscapeAnywhere() {
        String escaped = line("\\u0041pplication", "MSExchangeUM", "Error",
                "MSExchange Unified Messaging");

        assertThat(prefilter.mayMatch(escaped)).isTrue();
        assertThat(prefilter.mayMatch(line("System", "Other", "Info", "C:\\\\Windows\\\\x")))
                .isFalse();
    }

    @Test
    void skipsNonAsciiLookAlikes() {
        assertThat(prefilter.mayMatch(line("Applıcation", "MSExchangeUM", "Error",
                "MSExchange Unified Messaging"))).isFalse();
        assertThat(prefilter.mayMatch(line("Application", "MSExchangeUM", "Error",
                "MSExchange Unified Meſſaging"))).isFalse();
        assertThat(prefilter.mayMatch(line("Äpplication", "MSExchangeUM", "Error",
                "MSExchange Unified Messaging 日本"))).isFalse();
        assertThat(prefilter.mayMatch(line("APPLICATION", "msexchangeum", "ERROR",
                "msexchange unified messaging 日本"))).isTrue();
    }

    @Test
    void passesTextThatMeetsAnyRulesCondition() {
        LinePrefilter two = new LinePrefilter(List.of(RULE, List.of(List.of("zzz"))));

        assertThat(two.mayMatch(line("System", "x", "y", "a ZZZ b"))).isTrue();
        assertThat(two.mayMatch(line("System", "x", "y", "a zz b"))).isFalse();
    }

    @Test
    void rejectsLiteralsOutsidePrintableAscii() {
        assertThatThrownBy(() -> new LinePrefilter(List.of(List.of(List.of("é")))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinePrefilter(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The prefilter's promise, checked on random lines against the parser: whenever a parsed row
     * has, for every group, a string column that contains one of the group's literals, the
     * prefilter passes the line.
     */
    @Test
    void neverSkipsALineWhoseRowsMeetTheCondition() {
        List<String> literals = RULE.stream().flatMap(List::stream).toList();
        RandomEventLines lines = new RandomEventLines(42, literals);
        EventParser parser = new EventParser();
        int met = 0;
        int skipped = 0;
        for (int i = 0; i < 60_000; i++) {
            String text = lines.next();
            boolean meets = false;
            for (Row row : parser.parse(RawRecord.line("random.jsonl", i + 1, text)).rows()) {
                meets |= meets(row);
            }
            boolean passed = prefilter.mayMatch(text);
            if (meets) {
                met++;
                assertThat(passed).as("line %d: %s", i + 1, text).isTrue();
            }
            if (!passed) {
                skipped++;
            }
        }
        // Both outcomes must be common, or the check above proves little.
        assertThat(met).isGreaterThan(100);
        assertThat(skipped).isGreaterThan(15_000);
    }

    private static boolean meets(Row row) {
        for (List<String> group : RULE) {
            boolean found = false;
            for (String literal : group) {
                for (EventSchema.Column column : EventSchema.columns()) {
                    if (column.type() == EventSchema.KqlType.STRING
                            && KqlStrings.containsIgnoreCase(
                                    (String) row.getField(column.index()), literal)) {
                        found = true;
                    }
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
