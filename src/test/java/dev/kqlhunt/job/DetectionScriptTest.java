package dev.kqlhunt.job;

import dev.kqlhunt.kql.KqlCompiler;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.RuleLoader;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Fails when a rule's checked-in detection.sql no longer matches what its KQL compiles to. */
class DetectionScriptTest {

    @TestFactory
    Stream<DynamicTest> everyDetectionSqlIsCurrent() throws IOException {
        try (Stream<Path> folders = Files.list(Path.of("jobs"))) {
            return folders.filter(folder -> Files.isRegularFile(folder.resolve("rule.yaml")))
                    .sorted()
                    .toList()
                    .stream()
                    .map(folder -> DynamicTest.dynamicTest(
                            folder.getFileName().toString(), () -> assertCurrent(folder)));
        }
    }

    private static void assertCurrent(Path folder) throws IOException {
        Rule rule = RuleLoader.load(folder.resolve("rule.yaml"));
        String expected = DetectionScript.render(rule, KqlCompiler.compile(rule.querySource()));
        Path script = folder.resolve(DetectionScript.FILE_NAME);

        assertThat(script)
                .as("%s is stale: run ./kql-hunt explain --write", script)
                .exists();
        assertThat(Files.readString(script))
                .as("%s is stale: run ./kql-hunt explain --write", script)
                .isEqualTo(expected);
    }
}
