package dev.kqlhunt.stream;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.client.JobCancellationException;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;

import dev.kqlhunt.output.Terminal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A submitted {@code watch} job: prints its status line every interval until the job ends, and
 * stops it with a savepoint on request.
 */
public final class WatchRunner {

    private static final Logger LOG = LoggerFactory.getLogger(WatchRunner.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final JobClient client;
    private final WatchRequest request;
    private final Path savepointDir;
    private final CompletableFuture<JobExecutionResult> result;

    private WatchRunner(JobClient client, WatchRequest request, Path savepointDir) {
        this.client = client;
        this.request = request;
        this.savepointDir = savepointDir;
        this.result = client.getJobExecutionResult();
    }

    /** Builds the job on {@code env} and submits it without waiting for it to end. */
    public static WatchRunner start(
            StreamExecutionEnvironment env, WatchRequest request, Path savepointDir)
            throws Exception {
        WatchJob.build(env, request);
        JobClient client = env.executeAsync("kql-hunt watch");
        LOG.info("Started watch job {}, writing to {}", client.getJobID(), request.out());
        return new WatchRunner(client, request, savepointDir);
    }

    public JobClient client() {
        return client;
    }

    /** Returns the counters of the running job, or of the ended job once it has ended. */
    public WatchStatus status() throws Exception {
        Map<String, Object> accumulators =
                result.isDone()
                        ? result.get().getAllAccumulatorResults()
                        : client.getAccumulators()
                                .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return WatchStatus.of(accumulators, request.rules());
    }

    /**
     * Prints a status line to {@code console} every {@code interval} until the job ends, then a
     * last one. Returns normally when the job was stopped or cancelled, and throws when it
     * failed.
     */
    public void printStatusUntilEnd(PrintStream console, Duration interval) throws Exception {
        while (true) {
            try {
                result.get(interval.toMillis(), TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException stillRunning) {
                try {
                    console.println(status().line());
                } catch (ExecutionException | TimeoutException | IllegalStateException e) {
                    // The local mini-cluster rejects requests while the job stops.
                    LOG.warn("Cannot read the job's counters: {}", e.toString());
                }
            } catch (ExecutionException e) {
                if (ExceptionUtils.findThrowable(e, JobCancellationException.class).isPresent()) {
                    console.println(Terminal.safe("watch: job " + client.getJobID() + " cancelled"));
                    return;
                }
                throw e;
            }
        }
        console.println(status().line());
    }

    /**
     * Stops the job with a savepoint under the savepoint directory: the sources stop, the sinks
     * commit what they wrote, and the job ends. Returns the savepoint's path.
     */
    public String stopWithSavepoint() throws Exception {
        String location = savepointDir.toAbsolutePath().toUri().toString();
        LOG.info("Stopping watch job {} with a savepoint in {}", client.getJobID(), location);
        return client.stopWithSavepoint(false, location, SavepointFormatType.CANONICAL)
                .get(REQUEST_TIMEOUT.toMillis() * 4, TimeUnit.MILLISECONDS);
    }

    /** Cancels the job without a savepoint; its last checkpoint is retained. */
    public void cancel() throws Exception {
        client.cancel().get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Returns whether the job has ended, however it ended. */
    public boolean hasEnded() {
        return result.isDone();
    }

    /** Waits until the job has ended, however it ended. */
    public void awaitEnd(Duration timeout) throws Exception {
        try {
            result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException ended) {
            LOG.debug("Watch job {} ended: {}", client.getJobID(), ended.toString());
        }
    }
}
