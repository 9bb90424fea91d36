package dev.kqlhunt.job;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

import dev.kqlhunt.kql.functions.KqlFunctions;

import java.time.ZoneOffset;

/** Creates table environments configured the way compiled rules expect. */
public final class TableEnvironments {

    private TableEnvironments() {}

    /**
     * Creates a table environment on {@code env} with the session time zone set to UTC, so that
     * every timestamp means UTC as in KQL, and with the KQL functions registered.
     */
    public static StreamTableEnvironment create(StreamExecutionEnvironment env) {
        StreamTableEnvironment tableEnv = StreamTableEnvironment.create(env);
        tableEnv.getConfig().setLocalTimeZone(ZoneOffset.UTC);
        KqlFunctions.registerAll(tableEnv);
        return tableEnv;
    }
}
