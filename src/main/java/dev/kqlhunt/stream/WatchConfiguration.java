package dev.kqlhunt.stream;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.StateRecoveryOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Flink settings of a {@code watch} job: checkpointing and state from {@code conf/config.yaml},
 * then the command line's checkpoint interval, directories and restore path.
 */
public final class WatchConfiguration {

    /** Checkpoint interval when neither the command line nor the configuration sets one. */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(30);

    private WatchConfiguration() {}

    /**
     * @param confDir the folder of {@code config.yaml}, or null to read none
     * @param interval checkpoint interval, or null for the configuration's
     * @param restorePath a savepoint or retained checkpoint to start from, or null
     */
    public static Configuration of(
            Path confDir,
            Duration interval,
            Path checkpointDir,
            Path savepointDir,
            String restorePath) {
        Configuration config = new Configuration();
        if (confDir != null && Files.isRegularFile(confDir.resolve("config.yaml"))) {
            Map<String, String> all =
                    GlobalConfiguration.loadConfiguration(confDir.toString()).toMap();
            Map<String, String> checkpointing = new java.util.HashMap<>();
            all.forEach(
                    (key, value) -> {
                        if (key.startsWith("execution.checkpointing.")
                                || key.startsWith("state.backend.")) {
                            checkpointing.put(key, value);
                        }
                    });
            config.addAll(Configuration.fromMap(checkpointing));
        }
        if (interval != null) {
            config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
        } else if (!config.contains(CheckpointingOptions.CHECKPOINTING_INTERVAL)) {
            config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, DEFAULT_CHECKPOINT_INTERVAL);
        }
        config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        config.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                checkpointDir.toAbsolutePath().toUri().toString());
        config.set(
                CheckpointingOptions.SAVEPOINT_DIRECTORY,
                savepointDir.toAbsolutePath().toUri().toString());
        // A killed or cancelled job leaves its last checkpoint to resume from.
        config.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (restorePath != null) {
            config.set(StateRecoveryOptions.SAVEPOINT_PATH, restorePath);
        }
        return config;
    }
}
