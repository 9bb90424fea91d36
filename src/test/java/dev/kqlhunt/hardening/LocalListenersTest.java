package dev.kqlhunt.hardening;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs local hunts in Flink's embedded mini-cluster, as the CLI does without a test cluster, and
 * records every TCP socket the JVM listens on while they run. Each one must be on loopback.
 */
class LocalListenersTest {

    /** Maximum time a hunt of two lines may take before the test fails. */
    private static final long HUNT_TIMEOUT_SECONDS = 300;

    @TempDir Path temp;

    @BeforeAll
    static void requireProcNet() {
        assumeTrue(ListeningSockets.isSupported(), "needs Linux's /proc/net/tcp");
    }

    @Test
    void listingFindsOwnLoopbackListener() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Set<ListeningSockets.Listener> listeners = ListeningSockets.ofThisProcess();

            assertThat(listeners)
                    .filteredOn(listener -> listener.port() == server.getLocalPort())
                    .singleElement()
                    .matches(ListeningSockets.Listener::isLoopback, "on loopback");
        }
    }

    @Test
    void localHuntListensOnLoopbackOnly() throws Exception {
        Set<ListeningSockets.Listener> seen = huntAndWatch();

        assertThat(seen).as("sockets listened on during the hunt").isNotEmpty();
        assertThat(seen).allMatch(ListeningSockets.Listener::isLoopback, "bound to loopback");
    }

    @Test
    void webUiListensOnLoopbackOnly() throws Exception {
        Set<ListeningSockets.Listener> seen = huntAndWatch("--web-ui", "--web-ui-port", "0");

        assertThat(seen).as("sockets listened on during the hunt").isNotEmpty();
        assertThat(seen).allMatch(ListeningSockets.Listener::isLoopback, "bound to loopback");
    }

    /**
     * Runs a hunt on another thread and lists this JVM's listening sockets until it ends, then
     * returns every one seen, minus those that were open before it started.
     */
    private Set<ListeningSockets.Listener> huntAndWatch(String... options)
            throws IOException, InterruptedException, ExecutionException {
        Path events = RuleCases.write(temp.resolve("events.jsonl"), RuleCases.BEFORE, RuleCases.AFTER);
        Set<ListeningSockets.Listener> before = ListeningSockets.ofThisProcess();
        CompletableFuture<HuntRun> hunt =
                CompletableFuture.supplyAsync(
                        () -> HuntRun.hunt(temp.resolve("out"), List.of(events), options));
        Set<ListeningSockets.Listener> seen = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HUNT_TIMEOUT_SECONDS);
        HuntRun run = null;
        while (run == null && System.nanoTime() < deadline) {
            seen.addAll(ListeningSockets.ofThisProcess());
            try {
                run = hunt.get(10, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                // Look at the sockets again.
            }
        }
        assertThat(run).as("hunt finished within %d s", HUNT_TIMEOUT_SECONDS).isNotNull();
        assertThat(run.status()).as(run.stderr()).isZero();
        assertThat(run.matchTimes()).containsExactly(RuleCases.BEFORE_TIME, RuleCases.AFTER_TIME);
        seen.removeAll(before);
        return seen;
    }
}
