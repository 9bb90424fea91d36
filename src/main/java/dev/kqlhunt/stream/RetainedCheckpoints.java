package dev.kqlhunt.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the newest completed checkpoint or savepoint to resume a job from. */
public final class RetainedCheckpoints {

    private static final String METADATA = "_metadata";

    private RetainedCheckpoints() {}

    /**
     * Returns the directory of the newest {@code _metadata} file among the retained checkpoints
     * ({@code <dir>/<job id>/chk-<n>/_metadata}) and savepoints ({@code
     * <dir>/savepoint-*}/_metadata) under the given directories. Flink writes {@code _metadata}
     * last, so a directory that has it holds a complete checkpoint.
     */
    public static Optional<Path> latest(Path... directories) {
        Path newest = null;
        FileTime newestTime = null;
        for (Path directory : directories) {
            if (directory == null || !Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(directory, 3)) {
                for (Path metadata :
                        files.filter(file -> file.getFileName().toString().equals(METADATA))
                                .sorted(Comparator.naturalOrder())
                                .toList()) {
                    FileTime time = Files.getLastModifiedTime(metadata);
                    if (newestTime == null || time.compareTo(newestTime) > 0) {
                        newest = metadata.getParent();
                        newestTime = time;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list checkpoints in " + directory, e);
            }
        }
        return Optional.ofNullable(newest);
    }
}
