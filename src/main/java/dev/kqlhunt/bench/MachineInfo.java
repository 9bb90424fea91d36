package dev.kqlhunt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Describes the machine a benchmark ran on: cores, memory, processor, OS and Java. */
final class MachineInfo {

    private MachineInfo() {}

    static String describe() {
        return String.format(Locale.ROOT, "%d cores (%s), %s memory, %s %s, Java %s (%s)",
                Runtime.getRuntime().availableProcessors(), cpuModel(), memory(),
                System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vendor"));
    }

    private static String cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown processor");
    }

    private static String memory() {
        return firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .map(value -> String.format(Locale.ROOT, "%.1f GiB",
                        Long.parseLong(value.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
                .orElse("unknown");
    }

    private static Optional<String> firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    return Optional.of(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException e) {
            // Not Linux, or /proc is not mounted: the caller prints "unknown".
        }
        return Optional.empty();
    }
}
