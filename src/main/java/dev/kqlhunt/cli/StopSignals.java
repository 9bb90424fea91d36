package dev.kqlhunt.cli;

import dev.kqlhunt.output.Terminal;
import dev.kqlhunt.stream.WatchRunner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sun.misc.Signal;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns SIGINT (Ctrl-C) and SIGTERM into a stop with savepoint of the running job.
 *
 * <p>The JVM's own handlers would start the shutdown hooks, which close the local Flink
 * mini-cluster while the savepoint is still being written. These handlers replace them: the job
 * stops with a savepoint, the status loop sees the job end, and the command returns. A second
 * signal while the savepoint is written cancels the job, which keeps its last checkpoint.
 */
final class StopSignals {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {}

    static void install(WatchRunner runner, PrintStream console) {
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> onSignal(runner, console, stopping));
            } catch (IllegalArgumentException unsupported) {
                LOG.warn("Cannot handle SIG{} here; stop the job with `flink stop`", name);
            }
        }
    }

    private static void onSignal(WatchRunner runner, PrintStream console, AtomicBoolean stopping) {
        if (!stopping.compareAndSet(false, true)) {
            console.println("watch: cancelling; the last checkpoint is kept");
            runner.client().cancel();
            return;
        }
        console.println("watch: stopping with a savepoint...");
        try {
            String savepoint = runner.stopWithSavepoint();
            console.println(
                    Terminal.safe(
                            "watch: stopped; resume with --from-savepoint " + savepoint));
        } catch (Exception e) {
            LOG.error("Stop with savepoint failed; cancelling the job", e);
            runner.client().cancel();
        }
    }
}
