package dev.kqlhunt.kql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Constructs outside the supported subset fail at compile time with the file position. */
class KqlCompilerErrorTest {

    /** The query sits in a YAML block whose first line is file line 20, indented by 2. */
    private static KqlException compileError(String query) {
        try {
            KqlCompiler.compile(new KqlSource("rule.yaml", query, 20, 2));
        } catch (KqlException e) {
            return e;
        }
        throw new AssertionError("expected a KqlException for: " + query);
    }

    @Test
    void reportsPositionInFileCoordinates() {
        KqlException e = compileError("Event\n| where Source has \"MSExchange\"");

        assertThat(e.getMessage()).startsWith("rule.yaml:21:18: 'has' is not supported");
        assertThat(e.line()).isEqualTo(21);
        assertThat(e.column()).isEqualTo(18);
        assertThat(e.fileName()).isEqualTo("rule.yaml");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '#',
            quoteCharacter = '`',
            value = {
                "Event | where Source has 'x' # has # 'has' is not supported",
                "Event | where Source matches regex 'x' # matches # 'matches regex' is not supported",
                "Event | summarize count() by Computer # summarize # 'summarize' is not supported",
                "Event | where TimeGenerated > ago(1d) # 1d # literal '1d' is not supported",
                "Event | where foo(Source) # foo # function 'foo' is not supported",
                "Event | where Sauce == 'x' # Sauce # unknown column 'Sauce'",
                "Event | where computer == 'x' # computer # did you mean 'Computer'",
                "Event | where EventID == '4999' # == # cannot compare int with string",
                "Event | where Source < 'x' # < # only supported on numbers",
                "Event | where EventID contains '1' # contains # 'contains' needs strings",
                "Event | where Source # Source # must be bool, not string",
                "Event | project-away Nope # Nope # project-away: unknown column 'Nope'",
                "Event | project-rename A = Nope # Nope # project-rename: unknown column",
                "Event | project-rename Source = Computer # Source = # column 'Source' already exists",
                "Event | project A = Source, A = Computer # A = Computer # appears twice",
                "Event | project Source | where Computer == '' # Computer # unknown column 'Computer'",
                "Event | extend x = EventID * 2 # * # '*' is not supported",
                "Syslog | where true # Syslog # table 'Syslog' is not supported",
                "Event | where Source == \"abc # \"abc # string literal is not terminated",
                "Event | where Source == 'a\\q' # \\q # escape sequence '\\q' is not supported",
                "Event | extend x = trim(@'\\s+', Source) # @' # trim() with a regular expression",
                "Event | extend x = split(Source, '.') # split # split() is only supported",
                "Event | extend x = tostring(_BilledSize) # _BilledSize # tostring() of a real",
                "Event | extend x = iff(true, 1, 'a') # iff # branches have different types",
                "Event | extend __event_time = 1 # __event_time # reserved",
                "Event | project-away Event* # Event* # column wildcards",
                "Event | where Source in (Computer) # Computer) # list of literals",
                "Event | where EventID in~ (1) # in~ # 'in~' needs a string",
                "Event | where TimeGenerated == TimeGenerated # == # cannot compare datetime",
            })
    void rejectsUnsupportedConstruct(String query, String marker, String message) {
        KqlException e = compileError(query);
        int column = 2 + query.indexOf(marker) + 1;

        assertThat(e.getMessage()).contains(message.strip());
        assertThat(e.getMessage()).startsWith("rule.yaml:20:" + column + ": ");
    }

    @Test
    void rejectsPredicateThatIsNotBool() {
        KqlSource predicate = KqlSource.of("tuning.yaml", "strlen(Computer)");

        assertThatThrownBy(() -> KqlCompiler.compilePredicate(predicate, java.util.List.of(
                new OutputColumn("Computer", Type.STRING))))
                .isInstanceOf(KqlException.class)
                .hasMessageStartingWith("tuning.yaml:1:1: the predicate must be bool, not long");
    }
}
