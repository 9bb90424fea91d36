package dev.kqlhunt.events;

import org.apache.flink.core.fs.Path;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
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
        java.nio.file.Path local = localPath(file);
        if (local != null) {
            String dangling = danglingTarget(local);
            if (dangling != null) {
                return "symbolic link target not found: " + dangling;
            }
            if (isAccessDenied(local)) {
                return "cannot open the file: permission denied on the file or a folder above it";
            }
        }
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

    /** Returns whether {@code path} is a folder; false when it cannot be examined. */
    static boolean isFolder(Path path) {
        try {
            return path.getFileSystem().getFileStatus(path).isDir();
        } catch (IOException e) {
            return false;
        }
    }

    /** Describes a folder that the listing of the input could not list. */
    static String describeFolder(Path folder) {
        String text =
                "cannot list the folder, so the export files it may hold were not read";
        java.nio.file.Path local = localPath(folder);
        if (local == null) {
            return text;
        }
        try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(local)) {
            return text + " (the listing failed part way or when the input was listed)";
        } catch (AccessDeniedException e) {
            return text + ": permission denied";
        } catch (IOException e) {
            return text + ": " + e;
        }
    }

    /** Returns the target of {@code file} if it is a symbolic link to nothing, else null. */
    private static String danglingTarget(java.nio.file.Path file) {
        if (!Files.isSymbolicLink(file) || Files.exists(file)) {
            return null;
        }
        try {
            return Files.readSymbolicLink(file).toString();
        } catch (IOException e) {
            return "(" + e.getMessage() + ")";
        }
    }

    /**
     * Returns whether the attributes of {@code file} cannot be read for lack of permission, as
     * for a file in a folder without search permission, which Flink reports as not found.
     */
    private static boolean isAccessDenied(java.nio.file.Path file) {
        try {
            Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return false;
        } catch (AccessDeniedException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Returns {@code path} as a local path, or null if it is on another file system. */
    private static java.nio.file.Path localPath(Path path) {
        if (!"file".equals(path.toUri().getScheme())) {
            return null;
        }
        try {
            return java.nio.file.Path.of(path.toUri());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean exists(Path file) {
        try {
            return file.getFileSystem().exists(file);
        } catch (IOException e) {
            return false;
        }
    }
}
