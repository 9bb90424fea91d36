package dev.kqlhunt.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Flink session cluster of one JobManager and one TaskManager, each in its own JVM, started
 * the way Flink's {@code jobmanager.sh} and {@code taskmanager.sh} start them but from the test
 * class path instead of a binary distribution. Every listener is on 127.0.0.1.
 *
 * <p>Jobs are submitted with {@code flink run} (CliFrontend) in a third JVM. In session mode the
 * CLI runs the job's {@code main()} in its own process: {@code main()} builds the job graph,
 * submits it over REST and, in attached mode, waits for the job's result. Only the tasks run on
 * the TaskManager.
 *
 * <p>{@link #close()} stops both cluster processes by PID, also after a failed start. Logs stay
 * in {@code WORK_DIR/log} and failures quote their last lines.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneFlinkCluster.class);

    private static final String JOB_MANAGER_MAIN =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER_MAIN =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String BASH_JAVA_UTILS_MAIN =
            "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String CLI_MAIN = "org.apache.flink.client.cli.CliFrontend";
    /** Prefix of the result lines that BashJavaUtils prints among its log output. */
    private static final String BASH_JAVA_UTILS_RESULT = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final StandaloneFlinkClusterConfig config;
    private final List<Path> classPath;
    private final Path logDir;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final List<StandaloneFlinkClusterProcess> processes = new ArrayList<>();
    private final AtomicInteger cliRuns = new AtomicInteger();

    private StandaloneFlinkCluster(
            StandaloneFlinkClusterConfig config, List<Path> classPath, Path logDir) {
        this.config = config;
        this.classPath = List.copyOf(classPath);
        this.logDir = logDir;
        this.http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    }

    /**
     * Starts a JobManager and a TaskManager configured from {@code templateConfigDir} (the
     * project's {@code conf/}) and returns once the TaskManager has registered its slots.
     *
     * @param workDir directory for {@code conf/}, {@code log/} and Flink's temporary, checkpoint
     *     and upload directories, created if missing
     * @param classPath class path of all cluster JVMs, with Flink and flink-runtime-web
     * @param timeout maximum time until the TaskManager is registered
     */
    public static StandaloneFlinkCluster start(
            Path templateConfigDir, Path workDir, List<Path> classPath, Duration timeout)
            throws IOException, InterruptedException {
        Path logDir = Files.createDirectories(workDir.resolve("log"));
        StandaloneFlinkClusterConfig config =
                StandaloneFlinkClusterConfig.write(templateConfigDir, workDir);
        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(config, classPath, logDir);
        long started = System.nanoTime();
        try {
            cluster.startProcesses();
            int slots = cluster.awaitTaskManager(started + timeout.toNanos(), timeout);
            LOG.info(
                    "Standalone cluster at {} ready with {} slots in {} ms",
                    cluster.restAddress(),
                    slots,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** Returns the REST endpoint, such as {@code http://127.0.0.1:40123}. */
    public URI restAddress() {
        return URI.create(
                "http://" + StandaloneFlinkClusterConfig.LOOPBACK + ":" + config.restPort());
    }

    /** Returns the PID of the TaskManager process. */
    public long taskManagerPid() {
        return processes.get(1).pid();
    }

    /**
     * Runs {@code flink run -c MAIN_CLASS JAR ARGS} against this cluster in a new JVM and waits
     * for it to exit. The CLI runs in attached mode, so it exits when the job has finished.
     *
     * @throws AssertionError if the CLI has not exited within {@code timeout}, after stopping the
     *     CLI process
     */
    public CliRun run(Path jar, String mainClass, List<String> args, Duration timeout)
            throws IOException, InterruptedException {
        List<String> cliArgs = new ArrayList<>(List.of("run", "-c", mainClass, jar.toString()));
        cliArgs.addAll(args);
        String name = "cli-" + cliRuns.incrementAndGet();

        long started = System.nanoTime();
        StandaloneFlinkClusterProcess cli =
                StandaloneFlinkClusterProcess.start(
                        name,
                        config,
                        StandaloneFlinkClusterConfig.CLI_LOG_CONFIG,
                        List.of(),
                        classPath,
                        CLI_MAIN,
                        cliArgs,
                        logDir);
        int exitCode = cli.waitFor(timeout);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        LOG.info(
                "{} of {} exited with {} after {} ms",
                name,
                mainClass,
                exitCode,
                elapsed.toMillis());
        if (exitCode == -1 && cli.isAlive()) {
            String description = cli.describe();
            cli.stop();
            throw new AssertionError(
                    "flink run timed out after " + timeout + "\n" + description + describe());
        }
        return new CliRun(exitCode, cli.pid(), elapsed, cli.output(), cli.describe() + describe());
    }

    /** Returns the state of the cluster processes and the last lines of their logs. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (StandaloneFlinkClusterProcess process : processes) {
            text.append(process.describe());
        }
        return text.toString();
    }

    /** Stops the TaskManager, then the JobManager. */
    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).stop();
        }
        LOG.info("Stopped the standalone cluster, logs in {}", logDir);
    }

    private void startProcesses() throws IOException, InterruptedException {
        processes.add(
                startClusterProcess("jobmanager", "GET_JM_RESOURCE_PARAMS", JOB_MANAGER_MAIN));
        processes.add(
                startClusterProcess("taskmanager", "GET_TM_RESOURCE_PARAMS", TASK_MANAGER_MAIN));
    }

    /** Starts a JobManager or TaskManager with the memory options that BashJavaUtils computes. */
    private StandaloneFlinkClusterProcess startClusterProcess(
            String name, String resourceCommand, String mainClass)
            throws IOException, InterruptedException {
        List<List<String>> resources = memoryParameters(resourceCommand);
        List<String> args = new ArrayList<>(List.of("--configDir", configDir()));
        args.addAll(resources.get(1));
        return StandaloneFlinkClusterProcess.start(
                name,
                config,
                StandaloneFlinkClusterConfig.CLUSTER_LOG_CONFIG,
                resources.get(0),
                classPath,
                mainClass,
                args,
                logDir);
    }

    /**
     * Runs BashJavaUtils as Flink's start scripts do and returns its two result lines split into
     * words: the JVM memory options ({@code -Xmx..., -XX:MaxMetaspaceSize=...}) and the dynamic
     * properties ({@code -D key=value ...}) that make the process use exactly that memory.
     */
    private List<List<String>> memoryParameters(String command)
            throws IOException, InterruptedException {
        StandaloneFlinkClusterProcess utils =
                StandaloneFlinkClusterProcess.start(
                        "bash-java-utils-" + command,
                        config,
                        StandaloneFlinkClusterConfig.CLI_LOG_CONFIG,
                        List.of(),
                        classPath,
                        BASH_JAVA_UTILS_MAIN,
                        List.of(command, "--configDir", configDir()),
                        logDir);
        int exitCode = utils.waitFor(Duration.ofSeconds(30));
        List<List<String>> results =
                utils.output()
                        .lines()
                        .filter(line -> line.startsWith(BASH_JAVA_UTILS_RESULT))
                        .map(line -> line.substring(BASH_JAVA_UTILS_RESULT.length()).trim())
                        .map(line -> Arrays.asList(line.split("\\s+")))
                        .toList();
        if (exitCode != 0 || results.size() < 2) {
            utils.stop();
            throw new IllegalStateException(
                    "BashJavaUtils " + command + " failed to compute memory options\n"
                            + utils.describe());
        }
        return results.subList(results.size() - 2, results.size());
    }

    /** Waits until a TaskManager has registered and returns the number of task slots. */
    private int awaitTaskManager(long deadline, Duration timeout)
            throws IOException, InterruptedException {
        URI overview = restAddress().resolve("/overview");
        while (true) {
            for (StandaloneFlinkClusterProcess process : processes) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            process.name() + " exited during cluster start\n" + describe());
                }
            }
            JsonNode response = fetchJson(overview);
            if (response != null
                    && response.path("taskmanagers").asInt() >= 1
                    && response.path("slots-total").asInt() >= 1) {
                return response.path("slots-total").asInt();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "No TaskManager registered at " + overview + " within " + timeout
                                + "; last response: " + response + "\n" + describe());
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /** Returns the parsed response, or null while the REST endpoint is not up yet. */
    private JsonNode fetchJson(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? json.readTree(response.body()) : null;
        } catch (ConnectException e) {
            return null;
        }
    }

    private String configDir() {
        return config.configDir().toAbsolutePath().toString();
    }

    /**
     * Outcome of one {@code flink run}.
     *
     * @param exitCode exit code of the CLI process
     * @param pid PID of the CLI process, which is also the process that ran the job's main()
     * @param elapsed time from starting the CLI JVM to its exit
     * @param output standard output and standard error of the CLI
     * @param description state and output tails of the CLI and the cluster processes, for
     *     assertion messages
     */
    public record CliRun(
            int exitCode, long pid, Duration elapsed, String output, String description) {}
}
