package dev.kqlhunt.cli;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.kqlhunt.events.ArchiveFiles;
import dev.kqlhunt.events.ExportFileFormat;
import dev.kqlhunt.events.SkippedEntries;
import dev.kqlhunt.job.HuntJob;
import dev.kqlhunt.job.HuntRequest;
import dev.kqlhunt.job.LocalFlink;
import dev.kqlhunt.job.ResultRows;
import dev.kqlhunt.kql.KqlCompiler;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.tuning.TuningFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** The batch hunt over archives. */
@Command(
        name = "hunt",
        mixinStandardHelpOptions = true,
        description = "Evaluates rules over Event archives in Flink's batch mode.")
final class HuntCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(HuntCommand.class);

    /** Largest --max-line-bytes: a line is held in memory up to this length. */
    static final int MAX_LINE_BYTES_LIMIT = 256 * 1024 * 1024;

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
            names = "--max-export-delay",
            paramLabel = "DURATION",
            defaultValue = "1d",
            description =
                    "With --to, how long after it export partitions (y=/m=/d=/h=) are still"
                            + " read, for rows exported late, such as 6h or 7d; 'none' reads"
                            + " every later partition. Default: ${DEFAULT-VALUE}.")
    String maxExportDelay;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Parallel tasks of the local job; 0 or no value uses the number of cores.")
    int parallelism;

    @Option(
            names = "--web-ui",
            description = "Start Flink's web UI on 127.0.0.1 (port from --web-ui-port).")
    boolean webUi;

    @Option(
            names = "--web-ui-port",
            paramLabel = "PORT",
            defaultValue = "8081",
            description = "Port of the web UI started by --web-ui. Default: ${DEFAULT-VALUE}.")
    int webUiPort;

    @Option(
            names = "--max-line-bytes",
            paramLabel = "BYTES",
            description =
                    "Longest input line, or JSON array element, that is read; a longer one is"
                            + " rejected without being held in memory. Default: 1048576 (1 MiB).")
    int maxLineBytes = ExportFileFormat.DEFAULT_MAX_LINE_BYTES;

    @Option(
            names = "--max-rejected",
            paramLabel = "LIMIT",
            description =
                    "Exit with status 3 when more records than this are rejected: a count such"
                            + " as 100 or a percentage of the records read such as 0.5%%."
                            + " A limit also turns the prefilter off, so that every record"
                            + " is validated. Default: no limit.")
    String maxRejected;

    @Option(
            names = "--no-tuning",
            description =
                    "Ignore each rule's tuning.yaml and report every result. Without it, a"
                            + " tuning.yaml with lint errors stops the hunt (exit status 2).")
    boolean noTuning;

    @Option(
            names = "--no-prefilter",
            description =
                    "Read and validate every column of every record. By default a record that"
                            + " lacks the literals every rule requires (such as the text of an"
                            + " =~, contains or startswith test) is only checked to be valid JSON"
                            + " and counted as skipped, so a wrong column type or a missing"
                            + " TimeGenerated in it is not reported.")
    boolean noPrefilter;

    @Override
    public Integer call() throws Exception {
        LocalFlink.checkParallelism(parallelism);
        RejectedLimit rejectedLimit = RejectedLimit.parse(maxRejected);
        if (maxLineBytes < 1 || maxLineBytes > MAX_LINE_BYTES_LIMIT) {
            throw new IllegalArgumentException(
                    "--max-line-bytes " + maxLineBytes + " is outside 1 to "
                            + MAX_LINE_BYTES_LIMIT);
        }
        Instant fromTime = TimeArguments.from(from);
        Instant toTime = TimeArguments.to(to);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            throw new IllegalArgumentException("--from " + from + " is not before --to " + to);
        }
        // Compiling and binding the entity mappings of each rule reports an unsupported query or
        // a bad mapping before the output folder is touched.
        LoadedRules loadedRules =
                LoadedRules.load(
                        rules,
                        noTuning,
                        rule -> ResultRows.of(
                                rule, KqlCompiler.compile(rule.querySource()).columns()));
        List<Rule> loaded = loadedRules.rules();
        Map<String, TuningFile> tuning = loadedRules.tuning();
        HuntJob.validate(loaded);
        if (!loadedRules.tuningCheck().report(System.err)) {
            return KqlHunt.EXIT_USAGE;
        }
        List<Path> inputs = events.isEmpty() ? RuleFiles.defaultEvents() : events;
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new IllegalArgumentException("--events " + input + " not found");
            }
        }
        Path outDir = out != null ? out : defaultOut();
        OutputFolder.prepare(outDir, overwrite);
        HuntRequest request =
                new HuntRequest(
                        loaded, inputs, outDir, fromTime, toTime, maxLineBytes, tuning,
                        !noPrefilter && !rejectedLimit.isSet(),
                        TimeArguments.maxExportDelay(maxExportDelay));

        LOG.info("Hunting {} rule(s) over {} into {}", loaded.size(), inputs, outDir);
        ArchiveFiles.Discovery discovery = HuntJob.discover(request);
        StreamExecutionEnvironment env = LocalFlink.environment(webUi, webUiPort, parallelism);
        JobExecutionResult result = HuntJob.run(env, request, discovery);
        HuntSummary summary =
                HuntSummary.collect(request, result, SkippedEntries.of(discovery.skipped()));
        summary.writeJson(outDir.resolve("summary.json"));
        summary.print(System.out);
        if (rejectedLimit.isExceeded(summary.rejected(), summary.recordsRead())) {
            System.err.printf(
                    "kql-hunt: %d of %d records were rejected, more than --max-rejected %s;"
                            + " see %s%n",
                    summary.rejected(),
                    summary.recordsRead(),
                    rejectedLimit,
                    request.rejectedDirectory());
            return KqlHunt.EXIT_TOO_MANY_REJECTED;
        }
        return KqlHunt.EXIT_OK;
    }

    private static Path defaultOut() {
        String stamp =
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.now());
        return RuleFiles.home().resolve("hunt-output").resolve(stamp);
    }

}
