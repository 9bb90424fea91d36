package dev.kqlhunt.bench;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.TimeUtils;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import dev.kqlhunt.job.LocalFlink;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.RuleLoader;
import dev.kqlhunt.stream.WatchConfiguration;
import dev.kqlhunt.stream.WatchInput;
import dev.kqlhunt.stream.WatchRequest;
import dev.kqlhunt.stream.WatchRunner;
import dev.kqlhunt.testing.KafkaBroker;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongPredicate;

/**
 * Measures {@code watch} over Kafka for the Silk Typhoon UM service error rule: the rate at which
 * it consumes a backlog, then the delay from each match's record reaching Kafka to the match being
 * written while records arrive at a fixed rate. Checks that the committed matches equal the
 * matches among the records sent.
 *
 * <p>The Kafka broker (in KRaft mode on 127.0.0.1), the producer and the Flink mini-cluster of the
 * {@code watch} job all run in this JVM, so they share its cores. The job is built as the {@code
 * watch} command builds it, from {@code conf/config.yaml} and the command's defaults, except that
 * heartbeats run every second so that the job's counters reach this program every second.
 */
@Command(
        name = "watch-benchmark",
        mixinStandardHelpOptions = true,
        description =
                "Measures watch over a local Kafka broker: backlog consumption rate, and the delay"
                        + " from a record's arrival in Kafka to its match being written at a"
                        + " fixed input rate.")
public final class WatchBenchmark implements Callable<Integer> {

    static final Path RULE = Path.of("jobs/silk-typhoon-um-service-error/rule.yaml");
    static final String TOPIC = "events";
    static final Duration STATUS_POLL = Duration.ofMillis(250);

    @Option(names = "--backlog", defaultValue = "1000000", paramLabel = "N",
            description = "Records sent before the job starts, whose consumption rate is"
                    + " measured. Default: ${DEFAULT-VALUE}.")
    long backlog;

    @Option(names = "--rate", defaultValue = "10000", paramLabel = "N",
            description = "Records per second sent while the job runs. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--duration", defaultValue = "60s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long records are sent at --rate. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--partitions", defaultValue = "2", paramLabel = "N",
            description = "Partitions of the topic. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--parallelism", paramLabel = "N",
            description = "Parallel tasks of the job. Default: the number of cores, as watch.")
    int parallelism;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "The job's checkpoint interval, as watch --checkpoint-interval. Default:"
                    + " the one in conf/config.yaml.")
    Duration checkpointInterval;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated records.")
    long seed;

    @Option(names = "--trap-share", defaultValue = "0.002", paramLabel = "FRACTION",
            description = "Fraction of records that are rule matches or look-alikes, about 40 %"
                    + " of them matches. Default: ${DEFAULT-VALUE}.")
    double trapShare;

    @Option(names = "--poll-interval", defaultValue = "20ms", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How often the matches folder is read; each delay is late by up to"
                    + " this much. Default: ${DEFAULT-VALUE}.")
    Duration pollInterval;

    @Option(names = "--timeout", defaultValue = "10m", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Maximum wait for the job to read every record and to commit every"
                    + " match. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder of the job; must not exist. Default:"
                    + " target/bench/watch/<UTC start time>.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Rule rule = RuleLoader.load(RULE);
        Path outDir = out != null ? out : defaultOut();
        if (Files.exists(outDir)) {
            throw new IllegalArgumentException("--out " + outDir + " exists; choose a new folder");
        }
        Configuration config =
                WatchConfiguration.of(
                        Path.of("conf"), checkpointInterval, outDir.resolve("checkpoints"),
                        outDir.resolve("savepoints"), null);
        config.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));

        WatchBenchReport report = new WatchBenchReport(System.out);
        report.setup(backlog, rate, duration, partitions, parallelism,
                config.get(CheckpointingOptions.CHECKPOINTING_INTERVAL),
                config.get(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS), outDir);
        report.load("start");

        KafkaBroker broker = new KafkaBroker();
        broker.start();
        try {
            createTopic(broker);
            return run(broker, rule, config, outDir, report);
        } finally {
            broker.stop();
        }
    }

    private int run(
            KafkaBroker broker, Rule rule, Configuration config, Path outDir,
            WatchBenchReport report)
            throws Exception {
        EventFeed feed = new EventFeed(seed, trapShare);
        try (EventProducer producer = new EventProducer(broker.bootstrapServers(), TOPIC, feed);
                MatchFileWatcher matches =
                        new MatchFileWatcher(
                                outDir.resolve("matches").resolve(rule.folder()), pollInterval)) {
            long sendStart = System.nanoTime();
            producer.sendAll(backlog);
            report.backlogSent(backlog, System.nanoTime() - sendStart);

            matches.start();
            WatchRunner runner = startJob(broker, rule, config, outDir);
            try {
                measure(runner, producer, matches, report);
            } finally {
                runner.cancel();
                runner.awaitEnd(Duration.ofSeconds(60));
            }
            matches.close();
            report.load("end");
            return report.finish(producer, matches) ? 0 : 1;
        }
    }

    private void measure(
            WatchRunner runner, EventProducer producer, MatchFileWatcher matches,
            WatchBenchReport report)
            throws Exception {
        long jobStart = System.nanoTime();
        Sample first = awaitCount(runner, count -> count > 0, "the first record");
        Sample drained = awaitCount(runner, count -> count >= backlog, backlog + " records");
        report.drain(first, drained, (first.nanos() - jobStart) / 1e9);
        report.load("after the backlog");

        CompletableFuture<EventProducer.PacedRun> paced =
                CompletableFuture.supplyAsync(() -> producer.sendAtRate(rate, duration));
        WatchBenchReport.LagSamples lag = new WatchBenchReport.LagSamples();
        while (!paced.isDone()) {
            Thread.sleep(1000);
            long sampleLag = producer.sent() - readCount(runner);
            // A sample after the last record was sent shows the catch-up, not the lag.
            if (!paced.isDone()) {
                lag.add(sampleLag);
            }
        }
        EventProducer.PacedRun run = paced.join();
        long total = backlog + run.records();
        Sample caughtUp = awaitCount(runner, count -> count >= total, total + " records");
        report.paced(run, lag, (caughtUp.nanos() - run.endNanos()) / 1e9);

        long expected = producer.expectedMatchCount();
        awaitVisible(matches, expected);
        report.recordsRead(readCount(runner));
        report.delays(
                DelayStats.of(producer.appendTimes(), matches.firstWritten()),
                DelayStats.of(producer.appendTimes(), matches.firstVisible()));
    }

    private WatchRunner startJob(
            KafkaBroker broker, Rule rule, Configuration config, Path outDir) throws Exception {
        WatchInput.Kafka input =
                new WatchInput.Kafka(
                        broker.bootstrapServers(), TOPIC, "kql-hunt-bench",
                        WatchInput.StartOffsets.EARLIEST, new Properties());
        // The watch command's defaults for --max-delay, --idle-timeout and --late-retention.
        WatchRequest request =
                new WatchRequest(
                        List.of(rule), input, outDir, Duration.ofMinutes(30),
                        Duration.ofMinutes(1), Duration.ofDays(7), null);
        StreamExecutionEnvironment env =
                LocalFlink.environment(config, false, 0, parallelism);
        return WatchRunner.start(env, request, outDir.resolve("savepoints"));
    }

    /** Creates the topic, whose record timestamps are the broker's append times. */
    private void createTopic(KafkaBroker broker) throws Exception {
        NewTopic topic =
                new NewTopic(TOPIC, partitions, (short) 1)
                        .configs(Map.of("message.timestamp.type", "LogAppendTime"));
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(topic)).all().get();
        }
    }

    /** The job's records-read counter, and when and at what process CPU time it was read. */
    record Sample(long count, long nanos, long cpuNanos) {}

    private Sample awaitCount(WatchRunner runner, LongPredicate reached, String goal)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long count = readCount(runner);
            Sample sample = new Sample(count, System.nanoTime(), processCpuNanos());
            if (reached.test(count)) {
                return sample;
            }
            if (runner.hasEnded()) {
                runner.awaitEnd(Duration.ZERO);
                throw new IllegalStateException(
                        "the watch job ended after reading " + count + " records, before "
                                + goal);
            }
            if (sample.nanos() > deadline) {
                throw new IllegalStateException(
                        "timed out after " + timeout + " waiting for the job to read " + goal
                                + "; it read " + count);
            }
            Thread.sleep(STATUS_POLL.toMillis());
        }
    }

    private static long readCount(WatchRunner runner) throws Exception {
        return runner.status().recordsRead();
    }

    private void awaitVisible(MatchFileWatcher matches, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (matches.visibleLines() < expected && System.nanoTime() < deadline) {
            Thread.sleep(STATUS_POLL.toMillis());
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Path defaultOut() {
        String stamp =
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.now());
        return Path.of("target", "bench", "watch", stamp);
    }

    /** Parses durations such as 500ms, 30s or 2m, as Flink's configuration does. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return TimeUtils.parseDuration(value);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new WatchBenchmark()).execute(args));
    }
}
