package dev.kqlhunt.bench;

import org.apache.flink.util.TimeUtils;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Prints the progress and the results of a {@link WatchBenchmark} run. */
final class WatchBenchReport {

    /** Consumption rate that {@code watch} should sustain, in records per second. */
    static final double TARGET_RATE = 100_000;
    /** Maximum 99th percentile delay from a record's arrival in Kafka to its match, in ms. */
    static final long TARGET_P99_MILLIS = 1000;

    /** Records sent but not yet read by the job, sampled once a second during paced input. */
    static final class LagSamples {
        private final List<Long> samples = new ArrayList<>();

        void add(long lag) {
            samples.add(lag);
        }

        long max() {
            return samples.stream().mapToLong(Long::longValue).max().orElse(0);
        }

        /** Returns the last sample taken while records were still being sent. */
        long last() {
            return samples.isEmpty() ? 0 : samples.get(samples.size() - 1);
        }
    }

    private final PrintStream out;
    private final List<String> loads = new ArrayList<>();
    private double rate;
    private long backlogSent;
    private double backlogSendSeconds;
    private double drainRate;
    private double drainSeconds;
    private long drainRecords;
    private double drainCpuSeconds;
    private double startSeconds;
    private EventProducer.PacedRun paced;
    private LagSamples lag;
    private double catchUpSeconds;
    private long recordsRead;
    private DelayStats written;
    private DelayStats visible;

    WatchBenchReport(PrintStream out) {
        this.out = out;
    }

    void setup(
            long backlog, double rate, Duration duration, int partitions, int parallelism,
            Duration checkpointInterval, Duration minPause, Path outDir) {
        this.rate = rate;
        out.printf(Locale.ROOT,
                "watch benchmark: %s, a topic of %d partitions, parallelism %s%n"
                        + "Backlog of %,d records, then %,.0f records/s for %s. Checkpoint"
                        + " interval %s, minimum pause %s.%nOutput: %s%nMachine: %s%n",
                WatchBenchmark.RULE.getParent(), partitions,
                parallelism > 0 ? Integer.toString(parallelism) : "the number of cores",
                backlog, rate, format(duration), format(checkpointInterval), format(minPause),
                outDir, MachineInfo.describe());
    }

    /** Prints and keeps the load average of the last 1, 5 and 15 minutes. */
    void load(String when) {
        String load;
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            load = fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            load = "unknown";
        }
        loads.add(when + ": " + load);
        out.println("Load average (1, 5, 15 min) " + when + ": " + load);
    }

    void backlogSent(long records, long nanos) {
        backlogSent = records;
        backlogSendSeconds = nanos / 1e9;
        out.printf(Locale.ROOT, "Sent the backlog: %,d records in %.1f s (%,.0f records/s)%n",
                records, backlogSendSeconds, records / backlogSendSeconds);
    }

    /**
     * Records the consumption of the backlog between the first counter reading above zero and
     * the first one at the backlog's size.
     */
    void drain(WatchBenchmark.Sample first, WatchBenchmark.Sample drained, double startSeconds) {
        this.startSeconds = startSeconds;
        drainRecords = drained.count() - first.count();
        drainSeconds = (drained.nanos() - first.nanos()) / 1e9;
        drainRate = drainRecords / drainSeconds;
        drainCpuSeconds = (drained.cpuNanos() - first.cpuNanos()) / 1e9;
        out.printf(Locale.ROOT,
                "Job read its first records %.1f s after submission; consumed %,d records in"
                        + " %.1f s (%,.0f records/s, %.1f CPU s)%n",
                startSeconds, drainRecords, drainSeconds, drainRate, drainCpuSeconds);
    }

    void paced(EventProducer.PacedRun run, LagSamples lag, double catchUpSeconds) {
        this.paced = run;
        this.lag = lag;
        this.catchUpSeconds = catchUpSeconds;
        out.printf(Locale.ROOT,
                "Sent %,d records at %,.0f records/s; lag at most %,d records, %,d in the last"
                        + " sample; all read %.1f s after the last was sent%n",
                run.records(), run.recordsPerSecond(), lag.max(), lag.last(), catchUpSeconds);
    }

    void recordsRead(long records) {
        recordsRead = records;
    }

    void delays(DelayStats written, DelayStats visible) {
        this.written = written;
        this.visible = visible;
    }

    /**
     * Prints the result tables, compares the committed matches with the expected ones and
     * returns whether they are equal.
     */
    boolean finish(EventProducer producer, MatchFileWatcher matches) {
        Map<Instant, Integer> expected = producer.expectedMatches();
        Map<Instant, Integer> found = matches.visibleCounts();
        Set<Instant> keys = new HashSet<>(expected.keySet());
        keys.addAll(found.keySet());
        long missing = 0;
        long unexpected = 0;
        List<String> examples = new ArrayList<>();
        for (Instant key : keys) {
            int difference = expected.getOrDefault(key, 0) - found.getOrDefault(key, 0);
            missing += Math.max(0, difference);
            unexpected += Math.max(0, -difference);
            if (difference != 0 && examples.size() < 5) {
                examples.add(key + " expected " + expected.getOrDefault(key, 0) + ", found "
                        + found.getOrDefault(key, 0));
            }
        }
        boolean equal = missing == 0 && unexpected == 0 && matches.invalidLines() == 0;

        out.println();
        printThroughput();
        out.println();
        printDelays();
        out.println();
        out.printf(Locale.ROOT, "Records: %,d sent, %,d read by the job.%n",
                backlogSent + paced.records(), recordsRead);
        out.printf(Locale.ROOT,
                "Matches: %,d expected, %,d committed, %s (%,d missing, %,d unexpected, %,d"
                        + " invalid lines).%n",
                producer.expectedMatchCount(), matches.visibleLines(),
                equal ? "equal" : "DIFFERENT", missing, unexpected, matches.invalidLines());
        examples.forEach(example -> out.println("  " + example));
        out.println("Load average (1, 5, 15 min): " + String.join("; ", loads));
        out.println();
        printTargets();
        return equal;
    }

    private void printThroughput() {
        out.println("| phase | records | s | records/s | CPU s |");
        out.println("| --- | ---: | ---: | ---: | ---: |");
        out.printf(Locale.ROOT, "| backlog sent, before the job | %,d | %.1f | %,.0f | |%n",
                backlogSent, backlogSendSeconds, backlogSent / backlogSendSeconds);
        out.printf(Locale.ROOT, "| backlog consumed by watch | %,d | %.1f | %,.0f | %.1f |%n",
                drainRecords, drainSeconds, drainRate, drainCpuSeconds);
        out.printf(Locale.ROOT, "| paced input, sent | %,d | %.1f | %,.0f | |%n",
                paced.records(), paced.nanos() / 1e9, paced.recordsPerSecond());
        out.printf(Locale.ROOT,
                "Job start to first record: %.1f s. Lag during paced input: at most %,d"
                        + " records, %,d in the last sample, all read %.1f s after the last was"
                        + " sent. Producer at most %,d records behind its schedule.%n",
                startSeconds, lag.max(), lag.last(), catchUpSeconds, paced.maxBehind());
    }

    private void printDelays() {
        out.println("| delay from Kafka append to match, ms | matches | median | p90 | p99 | max"
                + " | not seen |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        printDelayRow("written (in-progress file)", written);
        printDelayRow("committed (visible part file)", visible);
    }

    private void printDelayRow(String label, DelayStats stats) {
        out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %,d | %,d | %,d |%n", label,
                stats.count(), stats.percentile(50), stats.percentile(90), stats.percentile(99),
                stats.max(), stats.missing());
    }

    private void printTargets() {
        out.printf(Locale.ROOT, "Target: backlog consumed at >= %,.0f records/s: %s (%,.0f)%n",
                TARGET_RATE, drainRate >= TARGET_RATE ? "met" : "not met", drainRate);
        out.printf(Locale.ROOT,
                "Target: p99 delay < %,d ms at %,.0f records/s: written %s (%,d ms),"
                        + " committed %s (%,d ms)%n",
                TARGET_P99_MILLIS, rate, delayTarget(written), written.percentile(99),
                delayTarget(visible), visible.percentile(99));
    }

    private static String delayTarget(DelayStats stats) {
        if (stats.count() == 0) {
            return "not measured";
        }
        return stats.missing() == 0 && stats.percentile(99) < TARGET_P99_MILLIS
                ? "met"
                : "not met";
    }

    private static String format(Duration duration) {
        return duration == null ? "none" : TimeUtils.formatWithHighestUnit(duration);
    }
}
