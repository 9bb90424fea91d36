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
 * exists or a folder that the listing could not list.
 *
 * <p>Flink's {@link NonSplittingRecursiveEnumerator} fails the whole job when one path is gone.
 * The files were listed before the job started, so one can be removed in between. Its split then
 * makes the reader report the file as not found, and the other files are still read. A listed
 * folder is one that {@link ArchiveFiles} could not list, so it gets one split, for which the
 * reader reports a rejection, and is not walked. Every path is accepted, including names that
 * start with {@code .} or {@code _}, because the caller chose them.
 */
final class ListedFileEnumerator implements FileEnumerator {

    private final NonSplittingRecursiveEnumerator files =
            new NonSplittingRecursiveEnumerator(path -> true);
    /** Splits made without the enumerator, numbered for their unique ids. */
    private long unread;

    @Override
    public Collection<FileSourceSplit> enumerateSplits(Path[] paths, int minDesiredSplits)
            throws IOException {
        List<FileSourceSplit> splits = new ArrayList<>();
        for (Path path : paths) {
            FileStatus status = status(path);
            if (status == null) {
                unread++;
                splits.add(new FileSourceSplit("missing-" + unread, path, 0, 0, 0, 0));
            } else if (status.isDir()) {
                unread++;
                splits.add(new FileSourceSplit("folder-" + unread, path, 0, 0, 0, 0));
            } else {
                splits.addAll(files.enumerateSplits(new Path[] {path}, 1));
            }
        }
        return splits;
    }

    /** Returns the status of {@code path}, or null if it does not exist. */
    private static FileStatus status(Path path) throws IOException {
        try {
            return path.getFileSystem().getFileStatus(path);
        } catch (FileNotFoundException e) {
            return null;
        }
    }
}
