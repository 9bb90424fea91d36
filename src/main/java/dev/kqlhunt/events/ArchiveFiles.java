package dev.kqlhunt.events;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the export files under the given roots.
 *
 * <p>Recognised names end in {@code .json}, {@code .jsonl} or {@code .ndjson}, optionally
 * followed by {@code .gz}. This covers the data-export blobs {@code PT1H.json},
 * {@code PT05M.json} and {@code PT05M_1.json} and the portal's downloads. Names starting with
 * {@code .} or {@code _} are ignored, as Flink's file source does, and so are directories with such
 * names. A root that is a file is always read, whatever its name. Symbolic links are followed; a
 * link loop is reported in {@link Discovery#skipped()} and the walk goes on.
 *
 * <p>An entry with an export file name that cannot be read, such as a dangling symbolic link, is
 * listed as a file, so that the reader reports it as an {@code unreadable-file} rejection. A
 * folder that cannot be listed is reported in {@link Discovery#skipped()} and also listed in
 * {@link Discovery#unlistedFolders()}, so that the reader reports it as a rejection too: it may
 * hold export files.
 */
public final class ArchiveFiles {

    /** A reason for leaving a path out, with its key in summary.json and its console label. */
    public enum SkipReason {
        UNKNOWN_TYPE("not-export-name", "not .json, .jsonl, .ndjson or their .gz"),
        NOT_REGULAR_FILE("not-regular-file", "not a regular file"),
        HIDDEN_NAME("hidden-name", "hidden (name starts with . or _)"),
        OUTSIDE_TIME_RANGE("outside-time-range", "outside --from/--to"),
        SYMBOLIC_LINK_LOOP("symbolic-link-loop", "symbolic link loop"),
        UNREADABLE("unreadable-folder", "folder cannot be listed"),
        DUPLICATE("duplicate", "same file as another input");

        private final String key;
        private final String label;

        SkipReason(String key, String label) {
            this.key = key;
            this.label = label;
        }

        /** Returns the reason's key in summary.json, such as {@code symbolic-link-loop}. */
        public String key() {
            return key;
        }

        /** Returns the reason as console text, such as {@code symbolic link loop}. */
        public String label() {
            return label;
        }
    }

    /** A path that was not included, with why. */
    public record Skipped(Path path, SkipReason reason, String detail) {}

    /**
     * The result of a listing, each list sorted by path.
     *
     * @param files the export files to read, including those that cannot be opened
     * @param unlistedFolders the folders that could not be listed, also in {@code skipped}
     * @param skipped the paths left out, with why
     */
    public record Discovery(List<Path> files, List<Path> unlistedFolders, List<Skipped> skipped) {

        /**
         * Returns the paths a reader is given: the files, then the folders that could not be
         * listed, for which it reports a rejection each.
         */
        public List<Path> toRead() {
            List<Path> paths = new ArrayList<>(files);
            paths.addAll(unlistedFolders);
            return List.copyOf(paths);
        }
    }

    /**
     * How long after its {@code TimeGenerated} a row may be exported and still be found when a
     * hunt prunes partitions by time: partitions starting up to this long after the range are read.
     */
    public static final Duration DEFAULT_MAX_EXPORT_DELAY = Duration.ofDays(1);

    private static final String NOT_EXPORT_NAME =
            "name does not end in .json, .jsonl or .ndjson, optionally .gz";

    private ArchiveFiles() {}

    /**
     * Lists the export files under {@code roots}, reading partitions up to {@link
     * #DEFAULT_MAX_EXPORT_DELAY} after {@code to}; see {@link #discover(List, Instant, Instant,
     * Duration)}.
     */
    public static Discovery discover(List<Path> roots, Instant from, Instant to)
            throws IOException {
        return discover(roots, from, to, DEFAULT_MAX_EXPORT_DELAY);
    }

    /**
     * Lists the export files under {@code roots}.
     *
     * @param from if not null, skips time partitions that cannot hold rows at or after it
     * @param to if not null, skips time partitions that cannot hold rows before it
     * @param maxExportDelay how long after {@code to} partitions are still read, for rows exported
     *     late; null reads every later partition
     * @throws NoSuchFileException if a root does not exist
     * @throws IOException if a root cannot be read
     */
    public static Discovery discover(
            List<Path> roots, Instant from, Instant to, Duration maxExportDelay)
            throws IOException {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException(
                    "empty time range: from " + from + " is not before to " + to);
        }
        Walker walker = new Walker(from, to, maxExportDelay);
        for (Path root : roots) {
            if (!Files.exists(root)) {
                throw new NoSuchFileException(root.toString(), null, "input path not found");
            }
            if (Files.isDirectory(root)) {
                walker.root = root;
                Files.walkFileTree(
                        root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, walker);
            } else {
                walker.add(root);
            }
        }
        List<Path> files = new ArrayList<>(walker.files.values());
        files.sort(Comparator.comparing(Path::toString));
        walker.unlistedFolders.sort(Comparator.comparing(Path::toString));
        walker.skipped.sort(Comparator.comparing(s -> s.path().toString()));
        return new Discovery(
                List.copyOf(files),
                List.copyOf(walker.unlistedFolders),
                List.copyOf(walker.skipped));
    }

    /** Returns whether {@code name} is a recognised export file name. */
    public static boolean isExportFile(String name) {
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        return base.endsWith(".json") || base.endsWith(".jsonl") || base.endsWith(".ndjson");
    }

    private static boolean isHidden(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            return false;
        }
        String text = name.toString();
        return text.startsWith(".") || text.startsWith("_");
    }

    private static final class Walker extends SimpleFileVisitor<Path> {
        private final Instant from;
        private final Instant to;
        private final Duration maxExportDelay;
        /** Files by their real path, so a file reached through two links is read once. */
        private final Map<Path, Path> files = new HashMap<>();
        private final List<Path> unlistedFolders = new ArrayList<>();
        private final List<Skipped> skipped = new ArrayList<>();
        /** The root being walked, read even if its name is hidden, because the caller chose it. */
        private Path root;

        Walker(Instant from, Instant to, Duration maxExportDelay) {
            this.maxExportDelay = maxExportDelay;
            this.from = from;
            this.to = to;
        }

        void add(Path file) {
            Path previous = files.putIfAbsent(identity(file), file);
            if (previous != null) {
                skipped.add(
                        new Skipped(file, SkipReason.DUPLICATE, "same file as " + previous));
            }
        }

        /**
         * Returns the real path of {@code file}, so that links to one file compare equal, or its
         * absolute path when it cannot be resolved, as for a dangling link.
         */
        private static Path identity(Path file) {
            try {
                return file.toRealPath();
            } catch (IOException e) {
                return file.toAbsolutePath().normalize();
            }
        }

        private boolean isOutsideRange(Path dir) {
            return (from != null || to != null)
                    && !Partitions.mayHold(dir.toAbsolutePath(), from, to, maxExportDelay);
        }

        private void skipOutsideRange(Path dir) {
            skipped.add(
                    new Skipped(
                            dir,
                            SkipReason.OUTSIDE_TIME_RANGE,
                            "partition ends over "
                                    + Partitions.EARLY_SLACK
                                    + " before the range or starts over "
                                    + maxExportDelay
                                    + " after it"));
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (isHidden(dir) && !dir.equals(root)) {
                skipped.add(new Skipped(dir, SkipReason.HIDDEN_NAME, "hidden directory"));
                return FileVisitResult.SKIP_SUBTREE;
            }
            if (isOutsideRange(dir)) {
                skipOutsideRange(dir);
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (isHidden(file)) {
                skipped.add(new Skipped(file, SkipReason.HIDDEN_NAME, "hidden file"));
            } else if (!isExportFile(file.getFileName().toString())) {
                skipped.add(new Skipped(file, SkipReason.UNKNOWN_TYPE, NOT_EXPORT_NAME));
            } else if (attrs.isSymbolicLink()) {
                // With FOLLOW_LINKS the walk reports a link's own attributes only when its target
                // cannot be read, as for a dangling link: the reader reports why.
                add(file);
            } else if (!attrs.isRegularFile()) {
                skipped.add(new Skipped(file, SkipReason.NOT_REGULAR_FILE, "not a regular file"));
            } else {
                add(file);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (e instanceof FileSystemLoopException) {
                skipped.add(
                        new Skipped(
                                file,
                                SkipReason.SYMBOLIC_LINK_LOOP,
                                "symbolic link loop: this directory contains itself"));
            } else if (isHidden(file) && !file.equals(root)) {
                skipped.add(new Skipped(file, SkipReason.HIDDEN_NAME, "hidden entry"));
            } else if (Files.isDirectory(file)) {
                if (isOutsideRange(file)) {
                    skipOutsideRange(file);
                } else {
                    unlistable(file, "cannot list the folder: " + describe(e));
                }
            } else if (isExportFile(file.getFileName().toString())) {
                add(file);
            } else {
                skipped.add(new Skipped(file, SkipReason.UNKNOWN_TYPE, NOT_EXPORT_NAME));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            if (e != null) {
                unlistable(dir, "listing failed part way: " + describe(e));
            }
            return FileVisitResult.CONTINUE;
        }

        private void unlistable(Path dir, String detail) {
            unlistedFolders.add(dir);
            skipped.add(
                    new Skipped(
                            dir,
                            SkipReason.UNREADABLE,
                            detail + "; reported as an unreadable-file rejection"));
        }

        private static String describe(IOException e) {
            return e instanceof AccessDeniedException ? "permission denied" : e.toString();
        }
    }
}
