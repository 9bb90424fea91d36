package dev.kqlhunt.cli;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.TimeUtils;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import dev.kqlhunt.job.LocalFlink;
import dev.kqlhunt.output.Terminal;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.stream.RetainedCheckpoints;
import dev.kqlhunt.stream.WatchConfiguration;
import dev.kqlhunt.stream.WatchInput;
import dev.kqlhunt.stream.WatchRequest;
import dev.kqlhunt.stream.WatchRunner;
import dev.kqlhunt.tuning.TuningFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/** The continuous evaluation over a Kafka topic or a watched directory. */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluates rules continuously over a Kafka topic or a directory that keeps receiving"
                    + " export files, in Flink's STREAMING mode, until stopped.",
            "Each result is written to OUT/matches/<rule>/ as soon as it is seen, and each window's"
                    + " alert to OUT/alerts/ once the watermark (the latest TimeGenerated seen"
                    + " minus --max-delay) passes the window's end. A result that arrives after"
                    + " its window closed amends that window's alert with a new revision.",
            "Files become visible at each completed checkpoint. Ctrl-C or SIGTERM stops the job"
                    + " with a savepoint; resume with --from-savepoint PATH (or latest)."
        })
final class WatchCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(WatchCommand.class);

    @Option(
            names = "--rule",
            paramLabel = "PATH",
            description = "Rule file or folder; repeatable. Default: every folder under jobs/.")
    List<Path> rules = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(
                names = "--topic",
                paramLabel = "TOPIC",
                description = "Kafka topic of export records, one JSON object per record.")
        String topic;

        @Option(
                names = "--watch-dir",
                paramLabel = "DIR",
                description =
                        "Directory that keeps receiving export files. Each new file is read once;"
                                + " names starting with . or _ are skipped, so write a file"
                                + " elsewhere and move it in.")
        Path watchDir;
    }

    @Option(
            names = "--kafka-bootstrap",
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers, for --topic and --alerts-topic.")
    String kafkaBootstrap;

    @Option(
            names = "--group",
            paramLabel = "ID",
            defaultValue = "kql-hunt",
            description = "Kafka consumer group; offsets are committed at each checkpoint."
                    + " Default: ${DEFAULT-VALUE}.")
    String group;

    @Option(
            names = "--start",
            paramLabel = "WHERE",
            defaultValue = "committed",
            converter = StartConverter.class,
            description =
                    "Where a new job starts reading the topic: earliest, latest or committed (the"
                            + " group's offsets, else earliest). Ignored with --from-savepoint."
                            + " Default: ${DEFAULT-VALUE}.")
    WatchInput.StartOffsets start;

    @Option(
            names = "--kafka-properties",
            paramLabel = "FILE",
            description =
                    "Java properties file of extra Kafka client settings, such as"
                            + " security.protocol, sasl.mechanism and sasl.jaas.config for the"
                            + " Event Hubs Kafka endpoint. Keep it readable only by you.")
    Path kafkaProperties;

    @Option(
            names = "--monitor-interval",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How often --watch-dir is listed. Default: ${DEFAULT-VALUE}.")
    Duration monitorInterval;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Output folder; must be empty unless resuming. Default:"
                            + " watch-output/<UTC start time>.")
    Path out;

    @Option(
            names = "--max-delay",
            paramLabel = "DURATION",
            defaultValue = "30m",
            converter = DurationConverter.class,
            description =
                    "How far an event's TimeGenerated may lag the latest one seen and still count"
                            + " before its window closes. The default, ${DEFAULT-VALUE}, covers"
                            + " the agent's upload interval and the export's batching, about 20"
                            + " minutes in the bundled archive; later events amend the alert.")
    Duration maxDelay;

    @Option(
            names = "--idle-timeout",
            paramLabel = "DURATION",
            defaultValue = "1m",
            converter = DurationConverter.class,
            description =
                    "A source split (Kafka partition) without records for this long stops"
                            + " holding windows open. Default: ${DEFAULT-VALUE}.")
    Duration idleTimeout;

    @Option(
            names = "--late-retention",
            paramLabel = "DURATION",
            defaultValue = "7d",
            converter = DurationConverter.class,
            description =
                    "How long, in event time, a closed window is kept so that late results amend"
                            + " its alert. Later results are still written to matches."
                            + " Default: ${DEFAULT-VALUE}.")
    Duration lateRetention;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "Checkpoint interval; outputs become visible at each checkpoint. Default:"
                            + " execution.checkpointing.interval in conf/config.yaml, else 30s.")
    Duration checkpointInterval;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR",
            description = "Where checkpoints are kept. Default: OUT/checkpoints.")
    Path checkpointDir;

    @Option(
            names = "--savepoint-dir",
            paramLabel = "DIR",
            description = "Where the savepoint of a stop is written. Default: OUT/savepoints.")
    Path savepointDir;

    @Option(
            names = "--from-savepoint",
            paramLabel = "PATH",
            description =
                    "Resume from a savepoint or a retained checkpoint (a chk-N folder); 'latest'"
                            + " takes the newest one under the checkpoint and savepoint"
                            + " folders.")
    String fromSavepoint;

    @Option(
            names = "--alerts-topic",
            paramLabel = "TOPIC",
            description = "Also send alerts to this Kafka topic (needs --kafka-bootstrap).")
    String alertsTopic;

    @Option(
            names = "--alerts-delivery",
            paramLabel = "GUARANTEE",
            defaultValue = "exactly-once",
            description =
                    "exactly-once (Kafka transactions committed at each checkpoint; read with"
                            + " isolation.level=read_committed) or at-least-once."
                            + " Default: ${DEFAULT-VALUE}.")
    String alertsDelivery;

    @Option(
            names = "--status-interval",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How often the status line is printed. Default: ${DEFAULT-VALUE}.")
    Duration statusInterval;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Parallel tasks of the local job; 0 or no value uses the number of cores.")
    int parallelism;

    @Option(
            names = "--no-prefilter",
            description =
                    "Read and validate every column of every record. By default a record that"
                            + " lacks the literals every rule requires (such as the text of an"
                            + " =~, contains or startswith test) is only checked to be valid JSON,"
                            + " and its TimeGenerated read for the watermark, and counted as"
                            + " skipped, so a wrong column type in it is not reported.")
    boolean noPrefilter;

    @Option(
            names = "--no-tuning",
            description =
                    "Ignore each rule's tuning.yaml and report every result. Without it, a"
                            + " tuning.yaml with lint errors stops the watch before it starts"
                            + " (exit status 2).")
    boolean noTuning;

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

    @Override
    public Integer call() throws Exception {
        LocalFlink.checkParallelism(parallelism);
        LoadedRules loadedRules = LoadedRules.load(rules, noTuning, rule -> {});
        List<Rule> loaded = loadedRules.rules();
        Map<String, TuningFile> tuning = loadedRules.tuning();
        if (!loadedRules.tuningCheck().report(System.err)) {
            return KqlHunt.EXIT_USAGE;
        }
        Path outDir = out != null ? out : defaultOut();
        Path checkpoints = checkpointDir != null ? checkpointDir : outDir.resolve("checkpoints");
        Path savepoints = savepointDir != null ? savepointDir : outDir.resolve("savepoints");
        String restorePath = restorePath(checkpoints, savepoints);
        if (restorePath == null) {
            OutputFolder.prepare(outDir, false);
        } else if (!Files.isDirectory(outDir)) {
            throw new IllegalArgumentException(
                    "--out " + outDir + " not found; resume into the folder the job wrote to");
        }
        WatchRequest request =
                new WatchRequest(
                        loaded, input(), outDir, maxDelay, idleTimeout, lateRetention,
                        alerts(), !noPrefilter, tuning);

        Configuration config =
                WatchConfiguration.of(
                        RuleFiles.home().resolve("conf"),
                        checkpointInterval,
                        checkpoints,
                        savepoints,
                        restorePath);
        StreamExecutionEnvironment env =
                LocalFlink.environment(config, webUi, webUiPort, parallelism);
        LOG.info("Watching with {} rule(s), writing to {}", loaded.size(), outDir);
        WatchRunner runner = WatchRunner.start(env, request, savepoints);
        StopSignals.install(runner, System.out);
        runner.printStatusUntilEnd(System.out, statusInterval);
        return 0;
    }

    private String restorePath(Path checkpoints, Path savepoints) {
        if (fromSavepoint == null) {
            return null;
        }
        if (!fromSavepoint.equals("latest")) {
            return fromSavepoint;
        }
        Path latest =
                RetainedCheckpoints.latest(checkpoints, savepoints)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "no checkpoint or savepoint found under "
                                                        + checkpoints + " or " + savepoints));
        System.out.println(Terminal.safe("watch: resuming from " + latest));
        return latest.toAbsolutePath().toUri().toString();
    }

    private WatchInput input() throws IOException {
        if (input.watchDir != null) {
            if (!Files.isDirectory(input.watchDir)) {
                throw new IllegalArgumentException(
                        "--watch-dir " + input.watchDir + " is not a directory");
            }
            return new WatchInput.Directory(input.watchDir, monitorInterval);
        }
        return new WatchInput.Kafka(
                requireBootstrap("--topic"), input.topic, group, start, kafkaClientProperties());
    }

    private WatchRequest.AlertsTopic alerts() throws IOException {
        if (alertsTopic == null) {
            return null;
        }
        boolean exactlyOnce =
                switch (alertsDelivery) {
                    case "exactly-once" -> true;
                    case "at-least-once" -> false;
                    default ->
                            throw new IllegalArgumentException(
                                    "invalid --alerts-delivery '" + alertsDelivery
                                            + "': expected exactly-once or at-least-once");
                };
        return new WatchRequest.AlertsTopic(
                requireBootstrap("--alerts-topic"),
                alertsTopic,
                kafkaClientProperties(),
                exactlyOnce,
                "kql-hunt-" + alertsTopic + "-" + group);
    }

    private String requireBootstrap(String option) {
        if (kafkaBootstrap == null) {
            throw new IllegalArgumentException(option + " needs --kafka-bootstrap HOST:PORT");
        }
        return kafkaBootstrap;
    }

    private Properties kafkaClientProperties() throws IOException {
        Properties properties = new Properties();
        if (kafkaProperties != null) {
            try (InputStream in = Files.newInputStream(kafkaProperties)) {
                properties.load(in);
            }
        }
        return properties;
    }

    private static Path defaultOut() {
        String stamp =
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.now());
        return RuleFiles.home().resolve("watch-output").resolve(stamp);
    }

    /** Parses durations such as 500ms, 30s, 30m, 2h or 7d, as Flink's configuration does. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return TimeUtils.parseDuration(value);
        }
    }

    static final class StartConverter implements ITypeConverter<WatchInput.StartOffsets> {
        @Override
        public WatchInput.StartOffsets convert(String value) {
            return WatchInput.StartOffsets.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
