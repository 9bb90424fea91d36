package dev.kqlhunt.events;

import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Enumerates the listed export files, one split each, and keeps a split for a file that no longer
 * exists.
 *
 * <p>Flink's {@link NonSplittingRecursiveEnumerator} fails the whole job when one path is gone.
 * The files were listed before the job started, so one can be removed in between. Its split then
 * makes the reader report the file as not found, and the other files are still read. Every path
 * is accepted, including names that start with {@code .} or {@code _}, because the caller chose
 * them.
 */
final class ListedFileEnumerator implements FileEnumerator {

    private final NonSplittingRecursiveEnumerator files =
            new NonSplittingRecursiveEnumerator(path -> true);
    private long missing;

    @Override
    public Collection<FileSourceSplit> enumerateSplits(Path[] paths, int minDesiredSplits)
            throws IOException {
        List<FileSourceSplit> splits = new ArrayList<>();
        for (Path path : paths) {
            if (exists(path)) {
                splits.addAll(files.enumerateSplits(new Path[] {path}, 1));
            } else {
                missing++;
                splits.add(new FileSourceSplit("missing-" + missing, path, 0, 0, 0, 0));
            }
        }
        return splits;
    }

    private static boolean exists(Path path) throws IOException {
        try {
            FileStatus status = path.getFileSystem().getFileStatus(path);
            return status != null;
        } catch (FileNotFoundException e) {
            return false;
        }
    }
}
