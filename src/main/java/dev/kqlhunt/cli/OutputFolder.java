package dev.kqlhunt.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/** Checks and prepares a hunt's output folder. */
final class OutputFolder {

    /** The entries a hunt writes, and so the only ones {@code --overwrite} removes. */
    static final List<String> OUTPUTS =
            List.of("matches", "alerts", "rejected", "summary.json");

    private OutputFolder() {}

    /**
     * Creates {@code dir}, or rejects it when it is not empty, unless {@code overwrite} is set: then
     * the outputs of an earlier hunt are removed and anything else is left alone.
     */
    static void prepare(Path dir, boolean overwrite) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + " exists and is not a folder");
        }
        if (Files.isDirectory(dir) && !isEmpty(dir)) {
            if (!overwrite) {
                throw new IllegalArgumentException(
                        "output folder " + dir
                                + " is not empty; choose another --out or add --overwrite");
            }
            for (String output : OUTPUTS) {
                deleteTree(dir.resolve(output));
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot create --out " + dir + ": " + describe(e, dir), e);
        }
    }

    /** Returns the reason of a file system error, with the file when it is not {@code dir}. */
    private static String describe(IOException e, Path dir) {
        if (e instanceof java.nio.file.FileSystemException fileSystem
                && fileSystem.getReason() != null) {
            boolean same = dir.toString().equals(fileSystem.getFile());
            return (same ? "" : fileSystem.getFile() + ": ") + fileSystem.getReason();
        }
        return String.valueOf(e.getMessage());
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(
                path,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                            throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path directory, IOException e)
                            throws IOException {
                        Files.delete(directory);
                        return FileVisitResult.CONTINUE;
                    }
                });
    }
}
