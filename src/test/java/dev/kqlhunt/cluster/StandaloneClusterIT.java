package dev.kqlhunt.cluster;

import dev.kqlhunt.testing.HuntOutput;
import dev.kqlhunt.testing.StandaloneFlinkCluster;
import dev.kqlhunt.testing.StandaloneFlinkCluster.CliRun;
import dev.kqlhunt.testing.StandaloneFlinkClusterClassPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs jobs on a standalone Flink session cluster (one JobManager and one TaskManager JVM) and
 * submits them with {@code flink run}, as an operator would with the job jar.
 *
 * <p>Runs in Maven's integration-test phase (Failsafe), after {@code package} has built the job
 * jar {@code target/FINAL_NAME-job.jar}. The cluster's class path leaves out every library
 * bundled in that jar, so a library missing from the job jar makes the job fail here too. Logs
 * are kept in {@code target/standalone-cluster/log}.
 */
class StandaloneClusterIT {

    private static final Duration CLUSTER_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
    /** The hunt's CLI plans the query cold, which alone takes up to half a minute. */
    private static final Duration HUNT_TIMEOUT = Duration.ofSeconds(180);
    private static final long PROBE_ROWS = 1_000;

    private static Path buildDir;
    private static Path workDir;
    private static Path jobJar;
    private static StandaloneFlinkCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        buildDir = Path.of(System.getProperty("kqlhunt.build.directory", "target"));
        jobJar = locateJobJar();
        workDir = buildDir.resolve("standalone-cluster");
        deleteRecursively(workDir);

        List<Path> classPath =
                StandaloneFlinkClusterClassPath.withoutProjectAndBundled(buildDir, jobJar);
        cluster =
                StandaloneFlinkCluster.start(
                        Path.of("conf"), workDir, classPath, CLUSTER_START_TIMEOUT);
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void probeJobRunsMainInCliAndTasksOnTaskManager() throws Exception {
        Path jar = ProbeJobJar.write(ClusterProbeJob.class, workDir.resolve("probe-job.jar"));
        Path report = workDir.resolve("probe-report.txt");

        CliRun run =
                cluster.run(
                        jar,
                        ClusterProbeJob.class.getName(),
                        List.of(report.toAbsolutePath().toString(), String.valueOf(PROBE_ROWS)),
                        JOB_TIMEOUT);

        assertThat(run.exitCode()).as(run.description()).isZero();
        assertThat(Files.readAllLines(report))
                .as(run.description())
                .containsExactly(
                        "client-pid=" + run.pid(),
                        "task-pids=" + cluster.taskManagerPid(),
                        "rows=" + PROBE_ROWS,
                        "sum-of-squares=" + sumOfSquaresUpTo(PROBE_ROWS));
    }

    /**
     * Runs the hunt from the job jar as an operator would: {@code main()} runs in the CLI, which
     * reads the rule and lists the archive, and the tasks read the archive and write the outputs
     * on the TaskManager. Every path is absolute, because the CLI and the TaskManager each resolve
     * a relative path against their own working folder, and so would the default {@code jobs/}.
     */
    @Test
    void huntFromJobJarWritesMatches() throws Exception {
        Path events = Path.of("test-data/archive").toAbsolutePath();
        Path rule = Path.of("jobs/silk-typhoon-um-service-error").toAbsolutePath();
        Path expected = Path.of("test-data/expected");
        Path out = workDir.resolve("hunt-out").toAbsolutePath();

        CliRun run =
                cluster.run(
                        jobJar,
                        "dev.kqlhunt.cli.KqlHunt",
                        List.of(
                                "hunt",
                                "--rule",
                                rule.toString(),
                                "--events",
                                events.toString(),
                                "--out",
                                out.toString()),
                        HUNT_TIMEOUT);

        assertThat(run.exitCode()).as(run.description()).isZero();
        assertThat(HuntOutput.readParts(out.resolve("matches").resolve(rule.getFileName())))
                .as(run.description())
                .isEqualTo(HuntOutput.readLines(expected.resolve("matches.jsonl")));
        assertThat(
                        HuntOutput.readParts(out.resolve("alerts")).stream()
                                .map(HuntOutput::alertSummary)
                                .sorted(Comparator.comparing(
                                        alert -> alert.path("WindowStart").asText()))
                                .toList())
                .as(run.description())
                .isEqualTo(HuntOutput.readLines(expected.resolve("alerts.jsonl")));
        assertThat(HuntOutput.readParts(out.resolve("rejected"))).hasSize(2);
        assertThat(run.output()).contains("8 results in " + out.resolve("matches"));
    }

    private static long sumOfSquaresUpTo(long n) {
        return n * (n + 1) * (2 * n + 1) / 6;
    }

    private static Path locateJobJar() {
        String property = System.getProperty("kqlhunt.job.jar");
        Path jar = property != null ? Path.of(property) : findJobJar(buildDir);
        assertThat(jar)
                .as("job jar %s is missing: build it with `mvn -B verify`, which packages it "
                        + "before the integration tests", jar)
                .isRegularFile();
        return jar;
    }

    /** Finds the job jar when the test runs outside Maven, such as from an IDE. */
    private static Path findJobJar(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-job.jar"))
                    .findFirst()
                    .orElse(dir.resolve("kql-hunt-VERSION-job.jar"));
        } catch (IOException e) {
            return dir.resolve("kql-hunt-VERSION-job.jar");
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
