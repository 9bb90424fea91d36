package dev.kqlhunt.cli;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.kqlhunt.job.HuntJob;
import dev.kqlhunt.job.HuntRequest;
import dev.kqlhunt.job.LocalFlink;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.RuleLoader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** The batch hunt over archives. */
@Command(
        name = "hunt",
        mixinStandardHelpOptions = true,
        description = "Evaluates rules over Event archives in Flink's batch mode.")
final class HuntCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(HuntCommand.class);

    @Option(
            names = "--rule",
            paramLabel = "PATH",
            description = "Rule file or folder; repeatable. Default: every folder under jobs/.")
    List<Path> rules = new ArrayList<>();

    @Option(
            names = "--events",
            paramLabel = "PATH",
            description =
                    "Event archive: a file or a folder tree of JSON lines, JSON arrays or .gz;"
                            + " repeatable. Default: the bundled archives under test-data/.")
    List<Path> events = new ArrayList<>();

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Output folder. Default: hunt-output/<UTC time of the run>.")
    Path out;

    @Option(names = "--overwrite", description = "Replace the outputs of an earlier hunt in --out.")
    boolean overwrite;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            description = "Evaluate rows with TimeGenerated at or after this UTC date or instant.")
    String from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            description =
                    "Evaluate rows before this instant, or up to the end of this UTC date.")
    String to;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Parallel tasks of the local job. Default: the number of cores.")
    int parallelism;

    @Option(
            names = "--web-ui",
            description = "Start Flink's web UI on 127.0.0.1 (port from --web-ui-port).")
    boolean webUi;

    @Option(names = "--web-ui-port", paramLabel = "PORT", defaultValue = "8081")
    int webUiPort;

    @Option(
            names = "--no-prefilter",
            description =
                    "Parse and validate every record. By default a record whose raw text lacks"
                            + " the literals every rule requires (such as the text of an =~,"
                            + " contains or startswith test) is skipped unparsed, so a malformed"
                            + " skipped record is counted as skipped, not rejected.")
    boolean noPrefilter;

    @Override
    public Integer call() throws Exception {
        Instant fromTime = TimeArguments.from(from);
        Instant toTime = TimeArguments.to(to);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            throw new IllegalArgumentException("--from " + from + " is not before --to " + to);
        }
        List<Rule> loaded = new ArrayList<>();
        for (Path file : RuleFiles.resolve(rules)) {
            loaded.add(RuleLoader.load(file));
        }
        HuntJob.validate(loaded);
        Path outDir = out != null ? out : defaultOut();
        OutputFolder.prepare(outDir, overwrite);
        List<Path> inputs = events.isEmpty() ? RuleFiles.defaultEvents() : events;
        HuntRequest request = new HuntRequest(loaded, inputs, outDir, fromTime, toTime, !noPrefilter);

        LOG.info("Hunting {} rule(s) over {} into {}", loaded.size(), inputs, outDir);
        StreamExecutionEnvironment env = LocalFlink.environment(webUi, webUiPort, parallelism);
        JobExecutionResult result = HuntJob.run(env, request);
        HuntSummary summary = HuntSummary.collect(request, result);
        summary.writeJson(outDir.resolve("summary.json"));
        summary.print(System.out);
        return 0;
    }

    private static Path defaultOut() {
        String stamp =
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.now());
        return RuleFiles.home().resolve("hunt-output").resolve(stamp);
    }

}
