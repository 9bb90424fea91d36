package dev.kqlhunt.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.kqlhunt.backfill.Backfill;
import dev.kqlhunt.backfill.BackfillReport;
import dev.kqlhunt.backfill.BackfillRequest;
import dev.kqlhunt.job.LocalFlink;
import dev.kqlhunt.output.Terminal;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.tuning.TuningFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Scheduled runs over a past range of a date-partitioned archive, window by window. */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluates each rule for every schedule window that ends in --from..--to, as if it"
                    + " had been running then, over a date-partitioned export archive.",
            "Each window is written to OUT/<rule>/<window start>/ when its evaluation ends. A"
                    + " run skips windows that an earlier run finished, so a stopped backfill"
                    + " resumes when started again. A window whose late-export days are not in"
                    + " the archive yet is written as incomplete and evaluated again next run.",
            "Each rule's tuning.yaml is applied in every window as in a hunt: excluded results"
                    + " are counted per exclusion in the window's summary.json, and neither"
                    + " appear in its matches nor count toward its trigger. A tuning file with"
                    + " lint errors stops the backfill before it starts (exit status 2)."
        })
final class BackfillCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BackfillCommand.class);

    /**
     * Windows per Flink job. Each job costs a few seconds to start, and each of its windows adds
     * a copy of the query to the job graph.
     */
    static final int DEFAULT_WINDOWS_PER_JOB = 7;

    @Option(
            names = "--rule",
            paramLabel = "PATH",
            description = "Rule file or folder; repeatable. Default: every folder under jobs/.")
    List<Path> rules = new ArrayList<>();

    @Option(
            names = "--events",
            paramLabel = "PATH",
            required = true,
            description =
                    "Event archive in the data-export layout (y=/m=/d=/h= folders); repeatable.")
    List<Path> events = new ArrayList<>();

    @Option(
            names = "--out",
            paramLabel = "DIR",
            required = true,
            description = "Output folder; a second run into the same folder resumes the first.")
    Path out;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            required = true,
            description = "Evaluate the windows that end after this UTC date or instant.")
    String from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            required = true,
            description =
                    "Evaluate the windows that end no later than this instant, or than the end"
                            + " of this UTC date.")
    String to;

    @Option(names = "--force", description = "Evaluate windows again that a run finished.")
    boolean force;

    @Option(
            names = "--windows-per-job",
            paramLabel = "N",
            description = "Windows of a rule that one Flink job evaluates. Default: "
                    + DEFAULT_WINDOWS_PER_JOB + ".")
    int windowsPerJob = DEFAULT_WINDOWS_PER_JOB;

    @Option(
            names = "--max-export-delay",
            paramLabel = "DURATION",
            defaultValue = "1d",
            description =
                    "How long after each window's end export partitions (y=/m=/d=/h=) are still"
                            + " read, for rows exported late, such as 6h or 7d; 'none' reads"
                            + " every later partition. Default: ${DEFAULT-VALUE}, as in hunt."
                            + " A window whose days up to this delay after its end are not all"
                            + " in the archive yet is written as incomplete, and the next run"
                            + " evaluates it again; with 'none' the day after its end must be"
                            + " there.")
    String maxExportDelay;

    @Option(
            names = "--no-tuning",
            description =
                    "Ignore each rule's tuning.yaml and report every result. Windows that an"
                            + " earlier run finished with other exclusions are evaluated again.")
    boolean noTuning;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Parallel tasks of the local job; 0 or no value uses the number of cores.")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        LocalFlink.checkParallelism(parallelism);
        Instant fromTime = TimeArguments.from(from);
        Instant toTime = TimeArguments.to(to);
        LoadedRules loadedRules = LoadedRules.load(rules, noTuning, rule -> {});
        List<Rule> loaded = loadedRules.rules();
        Map<String, TuningFile> tuning = loadedRules.tuning();
        if (!loadedRules.tuningCheck().report(System.err)) {
            return KqlHunt.EXIT_USAGE;
        }
        BackfillRequest request =
                new BackfillRequest(
                        loaded, events, out, fromTime, toTime, force, windowsPerJob, tuning,
                        TimeArguments.maxExportDelay(maxExportDelay));
        LOG.info(
                "Backfilling {} rule(s) from {} to {} over {} into {}",
                loaded.size(),
                fromTime,
                toTime,
                events,
                out);
        BackfillReport report =
                Backfill.run(
                        request,
                        () -> LocalFlink.environment(false, 0, parallelism),
                        System.out);
        print(report);
        return 0;
    }

    private void print(BackfillReport report) {
        System.out.println();
        for (BackfillReport.RuleReport rule : report.rules()) {
            System.out.printf(
                    "%s: %d windows evaluated, %d already finished, %d gaps, %d incomplete;"
                            + " %d records read, %d matches, %d alerts%n",
                    Terminal.safe(rule.rule()),
                    rule.evaluated(),
                    rule.alreadyFinished(),
                    rule.gaps().size(),
                    rule.incomplete().size(),
                    rule.recordsRead(),
                    rule.matches(),
                    rule.alerts());
            BackfillReport.TuningReport tuning = rule.tuning();
            if (tuning != null) {
                new TuningCounts(
                                tuning.file(),
                                tuning.excludedBy(),
                                tuning.disabled(),
                                tuning.expired())
                        .print(System.out);
            }
            System.out.printf(
                    "  outputs in %s%n", Terminal.safe(out.resolve(rule.rule()).toString()));
        }
    }
}
