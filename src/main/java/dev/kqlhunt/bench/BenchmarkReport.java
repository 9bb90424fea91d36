package dev.kqlhunt.bench;

import dev.kqlhunt.bench.ProcessMeter.Measurement;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Collects the measured rounds and prints medians, ratios, machine and commands. */
final class BenchmarkReport {

    private final long bytes;
    private final long rows;
    private final Map<String, List<Measurement>> runs = new LinkedHashMap<>();
    private final Map<String, String> commands = new LinkedHashMap<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private final List<String> comparisons = new ArrayList<>();
    private final Map<String, Double> startSeconds = new LinkedHashMap<>();

    BenchmarkReport(List<Peer> peers, long bytes, long rows) {
        this.bytes = bytes;
        this.rows = rows;
        for (Peer peer : peers) {
            runs.put(peer.name(), new ArrayList<>());
        }
    }

    void add(String peer, Measurement measurement) {
        runs.get(peer).add(measurement);
    }

    /** Records a peer's command, with this JVM's class path shown as $CLASSPATH. */
    void command(String peer, List<String> command) {
        String classPath = System.getProperty("java.class.path");
        commands.put(peer, String.join(" ", command).replace(classPath, "$CLASSPATH"));
    }

    /** Records the wall time of a run over a tiny archive, which is almost all start-up. */
    void startUp(String peer, double wallSeconds) {
        startSeconds.put(peer, wallSeconds);
    }

    void note(String peer, String note) {
        notes.put(peer, note);
    }

    void comparison(String line) {
        comparisons.add(line);
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "%-15s %7s %8s %11s %9s %7s %6s%n",
                "peer", "wall s", "MB/s", "rows/s", "peak MB", "CPU s", "runs");
        for (Map.Entry<String, List<Measurement>> entry : runs.entrySet()) {
            List<Measurement> ok = succeeded(entry.getValue());
            if (ok.isEmpty()) {
                out.printf(Locale.ROOT, "%-15s no successful run%n", entry.getKey());
                continue;
            }
            double wall = median(ok, Measurement::wallSeconds);
            double rss = median(ok, m -> m.peakRssKb() / 1024.0);
            double cpu = median(ok, Measurement::cpuSeconds);
            out.printf(Locale.ROOT, "%-15s %7.2f %8.1f %11.0f %9.0f %7.2f %3d/%-2d%n",
                    entry.getKey(), wall, bytes / 1e6 / wall, rows / wall, rss, cpu, ok.size(),
                    entry.getValue().size());
        }
        notes.forEach((peer, note) -> out.printf(Locale.ROOT, "%-15s %s%n", peer, note));
        out.println("(medians; MB = 10^6 bytes; peak = maximum resident set size; "
                + "wall time includes JVM start)");
        printRatio(out, "kql-hunt", "duckdb");
        printRatio(out, "kql-hunt", "floor");
        printRatio(out, "duckdb", "floor");
        printRatio(out, "kql-hunt-before", "kql-hunt");
        startSeconds.forEach((peer, start) -> printSteadyState(out, peer, start));
        for (String line : comparisons) {
            out.println(line);
        }
        out.println("Commands ($CLASSPATH: Maven's test class path, as bench/run.sh builds it):");
        commands.forEach((peer, command) -> out.println("  " + peer + ": " + command));
    }

    private void printRatio(PrintStream out, String slower, String faster) {
        List<Measurement> a = succeeded(runs.getOrDefault(slower, List.of()));
        List<Measurement> b = succeeded(runs.getOrDefault(faster, List.of()));
        if (a.isEmpty() || b.isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, "Wall time %s/%s: %.2f%n", slower, faster,
                median(a, Measurement::wallSeconds) / median(b, Measurement::wallSeconds));
    }

    /**
     * Prints an estimate of the scan rate after start-up: the archive's bytes over the median
     * wall time minus the wall time of a hunt over the tiny bundled archive.
     */
    private void printSteadyState(PrintStream out, String peer, double start) {
        List<Measurement> ok = succeeded(runs.getOrDefault(peer, List.of()));
        if (ok.isEmpty()) {
            return;
        }
        double scan = median(ok, Measurement::wallSeconds) - start;
        out.printf(Locale.ROOT, "%s: %.2f s for the bundled archive (start-up), so about %.0f MB/s"
                + " after start-up (estimate)%n", peer, start, scan > 0 ? bytes / 1e6 / scan : 0);
    }

    private static List<Measurement> succeeded(List<Measurement> measurements) {
        return measurements.stream().filter(m -> m.exitCode() == 0).toList();
    }

    private static double median(
            List<Measurement> measurements, ToDoubleFunction<Measurement> value) {
        double[] values = measurements.stream().mapToDouble(value).sorted().toArray();
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
