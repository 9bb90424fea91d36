package dev.kqlhunt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The single entry point of kql-hunt, locally and on a cluster: the first argument names the mode.
 */
@Command(
        name = "kql-hunt",
        mixinStandardHelpOptions = true,
        version = "kql-hunt 0.1.0",
        description = "Runs Microsoft Sentinel analytics rules as Apache Flink jobs.",
        subcommands = {HuntCommand.class, ExplainCommand.class, WatchCommand.class})
public final class KqlHunt {

    /** Exit status for invalid arguments, rules or output folders: nothing was run. */
    public static final int EXIT_USAGE = 2;

    /**
     * Runs the command line. Only the {@code kql-hunt} launcher, which sets {@code
     * kqlhunt.launcher}, exits the JVM with the status: on a cluster, {@code main()} can run
     * inside the JobManager, so a failure is thrown instead.
     */
    public static void main(String[] args) {
        int status = execute(args);
        if (Boolean.getBoolean("kqlhunt.launcher")) {
            System.exit(status);
        }
        if (status != 0) {
            throw new IllegalStateException("kql-hunt failed with exit status " + status);
        }
    }

    /** Runs a command line and returns its exit status, without exiting the JVM. */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new KqlHunt());
        commandLine.setExecutionExceptionHandler(
                (exception, line, parseResult) -> {
                    if (exception instanceof IllegalArgumentException
                            || exception instanceof dev.kqlhunt.rule.RuleException
                            || exception instanceof dev.kqlhunt.kql.KqlException) {
                        line.getErr().println("kql-hunt: " + exception.getMessage());
                        return EXIT_USAGE;
                    }
                    throw exception;
                });
        return commandLine.execute(args);
    }
}
