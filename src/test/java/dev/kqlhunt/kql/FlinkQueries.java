package dev.kqlhunt.kql;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

import dev.kqlhunt.events.EventSchema;
import dev.kqlhunt.kql.functions.KqlFunctions;

import java.util.ArrayList;
import java.util.List;

/** Runs compiled SQL over in-memory {@code Event} rows on a shared batch TableEnvironment. */
final class FlinkQueries {

    private final TableEnvironment tableEnv;

    FlinkQueries() {
        tableEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        KqlFunctions.registerAll(tableEnv);
    }

    /** A MiniCluster whose listeners stay on the loopback interface. */
    static MiniClusterExtension miniCluster() {
        Configuration config = new Configuration();
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(RestOptions.ADDRESS, "127.0.0.1");
        config.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        config.set(JobManagerOptions.ADDRESS, "127.0.0.1");
        config.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        config.set(TaskManagerOptions.HOST, "127.0.0.1");
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setConfiguration(config)
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .build());
    }

    TableEnvironment tableEnv() {
        return tableEnv;
    }

    /** Replaces the {@code Event} view with {@code rows} and returns every row of {@code sql}. */
    List<Row> run(String sql, List<Row> rows) throws Exception {
        tableEnv.dropTemporaryView("Event");
        Table events = tableEnv.fromValues(EventSchema.rowType(), rows);
        tableEnv.createTemporaryView("Event", events);
        List<Row> result = new ArrayList<>();
        try (CloseableIterator<Row> iterator = tableEnv.sqlQuery(sql).execute().collect()) {
            iterator.forEachRemaining(result::add);
        }
        return result;
    }
}
