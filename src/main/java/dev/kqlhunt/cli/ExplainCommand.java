package dev.kqlhunt.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.kqlhunt.job.DetectionScript;
import dev.kqlhunt.kql.CompiledQuery;
import dev.kqlhunt.kql.KqlCompiler;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.RuleLoader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Prints the Flink SQL each rule compiles to, or writes it beside the rule. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = "Prints the Flink SQL that each rule's KQL compiles to.")
final class ExplainCommand implements Callable<Integer> {

    @Option(
            names = "--rule",
            paramLabel = "PATH",
            description = "Rule file or folder; repeatable. Default: every folder under jobs/.")
    List<Path> rules = new ArrayList<>();

    @Option(
            names = "--write",
            description = "Write each script to detection.sql beside its rule instead of printing.")
    boolean write;

    @Override
    public Integer call() throws IOException {
        for (Path file : RuleFiles.resolve(rules)) {
            Rule rule = RuleLoader.load(file);
            CompiledQuery query = KqlCompiler.compile(rule.querySource());
            String script = DetectionScript.render(rule, query);
            if (write) {
                Path target = file.resolveSibling(DetectionScript.FILE_NAME);
                Files.writeString(target, script, StandardCharsets.UTF_8);
                System.out.println("wrote " + target);
            } else {
                System.out.print(script);
            }
        }
        return 0;
    }
}
