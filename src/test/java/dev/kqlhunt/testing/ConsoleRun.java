package dev.kqlhunt.testing;

import dev.kqlhunt.cli.KqlHunt;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A command line run through {@link KqlHunt#execute} with its standard output and standard error
 * captured.
 */
public record ConsoleRun(int status, String stdout, String stderr) {

    /** Runs {@code args} and returns the exit status and what the run printed. */
    public static ConsoleRun execute(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int status;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            status = KqlHunt.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new ConsoleRun(status, stdout.toString(StandardCharsets.UTF_8),
                stderr.toString(StandardCharsets.UTF_8));
    }
}
