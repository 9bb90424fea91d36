package dev.kqlhunt.backfill;

import org.apache.flink.util.FileUtils;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The output folder of a backfill: {@code DIR/<rule folder>/<window start>/} for each finished
 * window, with {@code matches/}, {@code alerts/}, {@code rejected/} and {@code summary.json}.
 *
 * <p>A window is written into {@code DIR/.staging/} and then moved to its place with one atomic
 * rename, so a window folder is either complete or absent, even when the process is killed. The
 * presence of {@code summary.json} in a window folder marks it as finished. Staging folders left
 * by a killed run are deleted when the next run starts. {@code DIR/.lock} keeps two backfills
 * from writing into the same folder at once.
 */
final class BackfillFolder implements AutoCloseable {

    static final String SUMMARY_FILE = "summary.json";
    static final String PROGRESS_FILE = "_progress.json";
    static final String GAPS_FILE = "_gaps.json";

    private static final String STAGING = ".staging";
    private static final String LOCK = ".lock";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private BackfillFolder(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates or opens {@code root}, locks it and deletes what a killed run left in staging.
     *
     * @throws IllegalArgumentException if another backfill holds the lock
     */
    static BackfillFolder open(Path root) throws IOException {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IllegalArgumentException("--out " + root + " exists and is not a folder");
        }
        Files.createDirectories(root);
        FileChannel channel =
                FileChannel.open(
                        root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IllegalArgumentException(
                    "another backfill is writing into " + root + "; wait for it to finish");
        }
        BackfillFolder folder = new BackfillFolder(root, channel, lock);
        deleteTree(root.resolve(STAGING));
        return folder;
    }

    Path root() {
        return root;
    }

    Path ruleDirectory(String ruleFolder) {
        return root.resolve(ruleFolder);
    }

    Path windowDirectory(String ruleFolder, String window) {
        return ruleDirectory(ruleFolder).resolve(window);
    }

    /** Creates an empty staging folder for one window. */
    Path stage(String ruleFolder, String window) throws IOException {
        return Files.createDirectories(
                root.resolve(STAGING).resolve(ruleFolder + "-" + window + "-" + UUID.randomUUID()));
    }

    /**
     * Moves a staged window to its place, replacing an earlier result of the same window. The
     * earlier result is first moved aside: a kill between the two renames leaves the window
     * absent, so the next run computes it again, never half of it.
     */
    void publish(Path staged, String ruleFolder, String window) throws IOException {
        Path target = windowDirectory(ruleFolder, window);
        Files.createDirectories(target.getParent());
        Path replaced = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            replaced = root.resolve(STAGING).resolve("replaced-" + UUID.randomUUID());
            moveAtomically(target, replaced);
        }
        moveAtomically(staged, target);
        if (replaced != null) {
            deleteTree(replaced);
        }
    }

    /** Writes {@code text} to {@code file} through a temporary file and an atomic rename. */
    void writeAtomically(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary =
                root.resolve(STAGING).resolve(file.getFileName() + "-" + UUID.randomUUID());
        Files.createDirectories(temporary.getParent());
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        moveAtomically(temporary, file);
    }

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(
                    "cannot rename " + source + " to " + target + " atomically; the output folder"
                            + " must be on a file system with atomic renames",
                    e);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        FileUtils.deleteDirectory(path.toFile());
    }

    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
    }
}
