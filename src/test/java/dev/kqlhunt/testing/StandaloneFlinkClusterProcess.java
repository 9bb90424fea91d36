package dev.kqlhunt.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One JVM of a {@link StandaloneFlinkCluster} (JobManager, TaskManager or CLI), started with the
 * Java of the test JVM. Standard output and standard error go to {@code NAME.out}, and Log4j
 * writes to {@code NAME.log} if its configuration has a file appender.
 */
final class StandaloneFlinkClusterProcess {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneFlinkClusterProcess.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final int TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Path outFile;
    private final Path logFile;

    private StandaloneFlinkClusterProcess(
            String name, Process process, Path outFile, Path logFile) {
        this.name = name;
        this.process = process;
        this.outFile = outFile;
        this.logFile = logFile;
    }

    /**
     * Starts {@code java JVM_OPTIONS -cp CLASS_PATH MAIN_CLASS ARGS} with FLINK_CONF_DIR and
     * FLINK_PLUGINS_DIR set to the cluster's configuration and (empty) plugins directories.
     */
    static StandaloneFlinkClusterProcess start(
            String name,
            StandaloneFlinkClusterConfig config,
            String log4jConfig,
            List<String> jvmOptions,
            List<Path> classPath,
            String mainClass,
            List<String> args,
            Path logDir)
            throws IOException {
        Path outFile = logDir.resolve(name + ".out");
        Path logFile = logDir.resolve(name + ".log");

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(config.javaOptions());
        command.addAll(jvmOptions);
        command.add("-Dlog.file=" + logFile.toAbsolutePath());
        command.add("-Dlog4j.configurationFile=" + config.logConfig(log4jConfig).toUri());
        command.add("-cp");
        command.add(
                classPath.stream()
                        .map(Path::toString)
                        .collect(Collectors.joining(File.pathSeparator)));
        command.add(mainClass);
        command.addAll(args);

        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.put("FLINK_CONF_DIR", config.configDir().toAbsolutePath().toString());
        environment.put("FLINK_PLUGINS_DIR", config.pluginsDir().toAbsolutePath().toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(outFile.toFile());
        Process process = builder.start();
        LOG.info("Started {} as process {}, output in {}", name, process.pid(), outFile);
        return new StandaloneFlinkClusterProcess(name, process, outFile, logFile);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit and returns its exit code, or -1 if it timed out. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        return -1;
    }

    Path outFile() {
        return outFile;
    }

    String output() throws IOException {
        return Files.readString(outFile, StandardCharsets.UTF_8);
    }

    /**
     * Stops the process with SIGTERM, so Flink's shutdown hooks run, and kills it if it is still
     * running after 15 seconds.
     */
    void stop() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn(
                    "{} (process {}) still running {} after SIGTERM, killing it",
                    name,
                    pid(),
                    STOP_TIMEOUT);
            process.destroyForcibly();
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Returns the state of the process and the last lines of its output and log file. */
    String describe() {
        StringBuilder text = new StringBuilder();
        text.append(name).append(" (process ").append(pid()).append(", ");
        text.append(process.isAlive() ? "running" : "exit code " + process.exitValue());
        text.append(")\n");
        appendTail(text, outFile);
        appendTail(text, logFile);
        return text.toString();
    }

    private static void appendTail(StringBuilder text, Path file) {
        text.append("--- last ").append(TAIL_LINES).append(" lines of ").append(file).append('\n');
        if (!Files.exists(file)) {
            text.append("(no such file)\n");
            return;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())
                    .forEach(line -> text.append(line).append('\n'));
        } catch (IOException e) {
            text.append("(unreadable: ").append(e.getMessage()).append(")\n");
        }
    }
}
