package dev.kqlhunt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as a subprocess and measures its wall time, peak resident memory and CPU time.
 *
 * <p>With GNU time at {@code /usr/bin/time}, memory and CPU come from its {@code -v} report (the
 * kernel's maximum resident set size of the process). Without it, the meter polls
 * {@code VmHWM} in {@code /proc/<pid>/status} every 20 ms and reports no CPU time.
 */
final class ProcessMeter {

    private static final Path GNU_TIME = Path.of("/usr/bin/time");
    private static final String MAX_RSS = "Maximum resident set size (kbytes):";
    private static final String USER_TIME = "User time (seconds):";
    private static final String SYSTEM_TIME = "System time (seconds):";

    /**
     * One measured run.
     *
     * @param peakRssKb peak resident set size in KiB, or -1 when unknown
     * @param cpuSeconds user plus system CPU time, or -1 when unknown
     */
    record Measurement(int exitCode, double wallSeconds, long peakRssKb, double cpuSeconds) {}

    private ProcessMeter() {}

    static boolean usesGnuTime() {
        return Files.isExecutable(GNU_TIME);
    }

    /** Runs {@code command} in {@code directory}, writing its output to PREFIX.out and .err. */
    static Measurement run(List<String> command, Path directory, Path logPrefix)
            throws IOException, InterruptedException {
        Path report = Path.of(logPrefix + ".time");
        List<String> full = new ArrayList<>();
        if (usesGnuTime()) {
            full.addAll(List.of(GNU_TIME.toString(), "-v", "-o", report.toString()));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(directory.toFile())
                .redirectOutput(Path.of(logPrefix + ".out").toFile())
                .redirectError(Path.of(logPrefix + ".err").toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        long polledRss = -1;
        while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
            if (!usesGnuTime()) {
                polledRss = Math.max(polledRss, highWaterMark(process.pid()));
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        if (!usesGnuTime()) {
            return new Measurement(process.exitValue(), wall, polledRss, -1);
        }
        String text = Files.exists(report) ? Files.readString(report) : "";
        double cpu = number(text, USER_TIME) + number(text, SYSTEM_TIME);
        return new Measurement(process.exitValue(), wall, (long) number(text, MAX_RSS), cpu);
    }

    private static long highWaterMark(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The process ended between two polls, so the caller keeps the last value read.
        }
        return -1;
    }

    private static double number(String report, String label) {
        for (String line : report.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith(label)) {
                return Double.parseDouble(trimmed.substring(label.length()).trim());
            }
        }
        return -1;
    }

    static String describe() {
        return usesGnuTime()
                ? "GNU time -v (maximum resident set size, user + system CPU)"
                : "VmHWM polled every 20 ms; no CPU time";
    }
}
