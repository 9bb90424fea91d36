package dev.kqlhunt.kql.functions;

import org.apache.flink.table.api.TableEnvironment;

/** Registers the functions that compiled KQL needs. */
public final class KqlFunctions {

    private KqlFunctions() {}

    /**
     * Registers every {@link KqlFunction} as a temporary system function. Functions that are
     * already registered under the same name are left as they are, so calling this twice is safe.
     */
    public static void registerAll(TableEnvironment tableEnv) {
        for (KqlFunction function : KqlFunction.values()) {
            String ddl = function.ddl();
            tableEnv.executeSql(ddl.substring(0, ddl.length() - 1));
        }
    }
}
