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
        subcommands = {
            HuntCommand.class,
            WatchCommand.class,
            BackfillCommand.class,
            ExplainCommand.class,
            LintCommand.class
        })
public final class KqlHunt {

    /** Exit status of a hunt that finished within its limits. */
    public static final int EXIT_OK = 0;

    /**
     * Exit status of a failure while running, such as a Flink job that failed: picocli's status
     * for an exception that no handler maps to another status.
     */
    public static final int EXIT_FAILURE = 1;

    /** Exit status for invalid arguments, rules or output folders: nothing was run. */
    public static final int EXIT_USAGE = 2;

    /**
     * Exit status of a hunt that ran to its end but rejected more records than
     * {@code --max-rejected} allows. Its outputs are complete.
     */
    public static final int EXIT_TOO_MANY_REJECTED = 3;

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
