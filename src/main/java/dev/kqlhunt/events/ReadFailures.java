package dev.kqlhunt.events;

import org.apache.flink.core.fs.Path;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.zip.ZipException;

/** Turns read errors into the failure text of a {@link RawRecord}. */
final class ReadFailures {

    private ReadFailures() {}

    /** Describes {@code e}; {@code position} says where, such as "after 3 complete lines". */
    static String describe(IOException e, String position) {
        String after = " " + position;
        if (e instanceof EOFException) {
            return "file is truncated" + after + " (" + e.getMessage() + ")";
        }
        if (e instanceof ZipException) {
            return "gzip data is corrupt" + after + " (" + e.getMessage() + ")";
        }
        return "read failed" + after + ": " + e;
    }

    /** Describes a failure to open {@code file} at all. */
    static String describeOpen(IOException e, Path file) {
        boolean notFound = e instanceof FileNotFoundException || e instanceof NoSuchFileException;
        if (notFound && !exists(file)) {
            return "file not found: it was removed or renamed after the input was listed ("
                    + e.getMessage()
                    + ")";
        }
        if (e instanceof ZipException || e instanceof EOFException) {
            return "not a readable gzip file: " + e.getMessage();
        }
        // FileInputStream reports a directory or a permission problem as FileNotFoundException.
        return "cannot open the file: " + e.getMessage();
    }

    private static boolean exists(Path file) {
        try {
            return file.getFileSystem().exists(file);
        } catch (IOException e) {
            return false;
        }
    }
}
