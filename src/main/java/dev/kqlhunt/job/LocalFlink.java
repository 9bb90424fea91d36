package dev.kqlhunt.job;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Flink settings for a hunt in the embedded mini-cluster.
 *
 * <p>A mini-cluster binds its REST and RPC endpoints to all interfaces by default. A local hunt
 * keeps every listener on 127.0.0.1, so nothing is reachable from other hosts, and starts the web
 * UI only on request.
 */
public final class LocalFlink {

    public static final String LOOPBACK = "127.0.0.1";

    private LocalFlink() {}

    public static Configuration configuration(boolean webUi, int webUiPort) {
        Configuration config = new Configuration();
        config.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        config.set(RestOptions.ADDRESS, LOOPBACK);
        config.set(RestOptions.BIND_PORT, webUi ? Integer.toString(webUiPort) : "0");
        config.set(JobManagerOptions.BIND_HOST, LOOPBACK);
        config.set(JobManagerOptions.ADDRESS, LOOPBACK);
        config.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
        config.set(TaskManagerOptions.HOST, LOOPBACK);
        return config;
    }

    /**
     * Returns the environment of the context this runs in: the cluster's when submitted with
     * {@code flink run}, otherwise an embedded mini-cluster bound to loopback.
     */
    public static StreamExecutionEnvironment environment(
            boolean webUi, int webUiPort, int parallelism) {
        return environment(new Configuration(), webUi, webUiPort, parallelism);
    }

    /**
     * Rejects a negative {@code --parallelism}; 0 stands for the number of cores.
     *
     * @throws IllegalArgumentException if {@code parallelism} is negative
     */
    public static void checkParallelism(int parallelism) {
        if (parallelism < 0) {
            throw new IllegalArgumentException(
                    "--parallelism " + parallelism + " is negative; give 1 or more, or 0 for the"
                            + " number of cores");
        }
    }

    /** Like {@link #environment(boolean, int, int)}, with {@code extra} settings added. */
    public static StreamExecutionEnvironment environment(
            Configuration extra, boolean webUi, int webUiPort, int parallelism) {
        checkParallelism(parallelism);
        Configuration config = configuration(webUi, webUiPort);
        config.addAll(extra);
        StreamExecutionEnvironment env =
                webUi
                        ? StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(config)
                        : StreamExecutionEnvironment.getExecutionEnvironment(config);
        if (parallelism > 0) {
            env.setParallelism(parallelism);
        }
        return env;
    }
}
