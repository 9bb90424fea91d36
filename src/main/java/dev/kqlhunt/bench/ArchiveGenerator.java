package dev.kqlhunt.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.kqlhunt.bench.ArchiveFile.Workspace;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Writes a synthetic {@code Event} archive in the Log Analytics data-export layout, one JSON line
 * per row, from a seed: the same options always give the same bytes, whatever the thread count.
 *
 * <p>Each hourly file draws from its own random stream, so files are written in parallel. The
 * number of rows follows from the requested size and an average row size, so the archive's real
 * size lands within a few percent of the request; the manifest records the exact figures.
 */
public final class ArchiveGenerator {

    /** Changes whenever a change of this package changes the rows written for a seed. */
    public static final int FORMAT = 1;

    /** Average bytes of a generated row (1,356 on a 200 MB archive with seed 1). */
    static final int AVERAGE_ROW_BYTES = 1356;

    /** The hour of the first file. */
    static final LocalDateTime START = LocalDateTime.of(2021, 3, 1, 0, 0);
    static final long TICKS_PER_HOUR = 36_000_000_000L;
    static final int WORKSPACES = 2;
    private static final int FLUSH_BYTES = 4 << 20;

    /** What to generate. */
    public record Options(long targetBytes, long seed, double trapShare, int rowsPerFile) {

        public static final double DEFAULT_TRAP_SHARE = 0.002;
        public static final int DEFAULT_ROWS_PER_FILE = 40_000;

        public Options {
            if (targetBytes <= 0) {
                throw new IllegalArgumentException("size must be positive: " + targetBytes);
            }
            if (trapShare < 0 || trapShare > 1) {
                throw new IllegalArgumentException("trap share must be in [0, 1]: " + trapShare);
            }
            if (rowsPerFile <= 0) {
                throw new IllegalArgumentException(
                        "rows per file must be positive: " + rowsPerFile);
            }
        }

        public static Options ofSize(long targetBytes, long seed) {
            return new Options(targetBytes, seed, DEFAULT_TRAP_SHARE, DEFAULT_ROWS_PER_FILE);
        }
    }

    private record FileResult(long rows, long bytes, Map<EventKind, Long> kinds) {}

    private ArchiveGenerator() {}

    /**
     * Writes an archive under {@code root}, which must not exist or be empty, and its manifest
     * beside it.
     */
    public static ArchiveManifest generate(Path root, Options options, int threads)
            throws IOException, InterruptedException {
        checkEmpty(root);
        long totalRows = Math.max(1, options.targetBytes() / AVERAGE_ROW_BYTES);
        int fileCount = (int) ((totalRows + options.rowsPerFile() - 1) / options.rowsPerFile());
        SplittableRandom master = new SplittableRandom(options.seed());
        Workspace[] workspaces = workspaces(master);

        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        List<Future<FileResult>> results = new ArrayList<>();
        try {
            for (int i = 0; i < fileCount; i++) {
                Workspace workspace = workspaces[i % WORKSPACES];
                ArchiveFile file = new ArchiveFile(workspace, START.plusHours(i / WORKSPACES));
                long first = (long) i * options.rowsPerFile();
                long rows = Math.min(options.rowsPerFile(), totalRows - first);
                SplittableRandom random = master.split();
                results.add(pool.submit(() -> writeFile(root, file, rows, options, random)));
            }
            return summarise(root, options, results);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ArchiveManifest summarise(
            Path root, Options options, List<Future<FileResult>> results)
            throws IOException, InterruptedException {
        long rows = 0;
        long bytes = 0;
        Map<EventKind, Long> kinds = new EnumMap<>(EventKind.class);
        for (Future<FileResult> future : results) {
            FileResult result = Tasks.join(future);
            rows += result.rows();
            bytes += result.bytes();
            result.kinds().forEach((kind, count) -> kinds.merge(kind, count, Long::sum));
        }
        long matches = 0;
        Map<String, Long> byName = new LinkedHashMap<>();
        for (EventKind kind : EventKind.values()) {
            long count = kinds.getOrDefault(kind, 0L);
            byName.put(kind.name(), count);
            matches += kind.matches ? count : 0;
        }
        ArchiveManifest manifest = new ArchiveManifest(FORMAT, options.seed(),
                options.targetBytes(), options.trapShare(), options.rowsPerFile(), results.size(),
                rows, bytes, matches, byName);
        manifest.write(root);
        return manifest;
    }

    private static FileResult writeFile(
            Path root, ArchiveFile file, long rows, Options options, SplittableRandom random)
            throws IOException {
        Path path = file.resolveIn(root);
        Files.createDirectories(path.getParent());
        KindPicker picker = new KindPicker(options.trapShare());
        RowFactory factory = new RowFactory(file, random);
        EventRow row = new EventRow();
        JsonBuffer buffer = new JsonBuffer(FLUSH_BYTES + (64 << 10));
        Map<EventKind, Long> kinds = new EnumMap<>(EventKind.class);
        long step = TICKS_PER_HOUR / rows;
        long bytes = 0;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            for (long i = 0; i < rows; i++) {
                EventKind kind = picker.pick(random);
                kinds.merge(kind, 1L, Long::sum);
                long ticks = i * step + (step > 1 ? random.nextLong(step) : 0);
                factory.fill(row, kind, ticks);
                row.writeTo(buffer);
                if (buffer.size() >= FLUSH_BYTES) {
                    bytes += buffer.size();
                    buffer.drainTo(channel);
                }
            }
            bytes += buffer.size();
            buffer.drainTo(channel);
        }
        return new FileResult(rows, bytes, kinds);
    }

    static Workspace[] workspaces(SplittableRandom random) {
        Workspace[] workspaces = new Workspace[WORKSPACES];
        String subscription = uuid(random);
        for (int i = 0; i < WORKSPACES; i++) {
            workspaces[i] = new Workspace(uuid(random), subscription,
                    "rg-sentinel-" + (i == 0 ? "prod" : "emea"),
                    "law-sentinel-" + (i == 0 ? "prod" : "emea"));
        }
        return workspaces;
    }

    private static String uuid(SplittableRandom random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static void checkEmpty(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " exists and is not a folder");
        }
        try (Stream<Path> entries = Files.list(root)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException(
                        "archive folder " + root + " is not empty; delete it or choose another");
            }
        }
    }

    /** Parses a size such as {@code 2g}, {@code 200MB} or {@code 1048576} into bytes. */
    static long parseSize(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.endsWith("b")) {
            value = value.substring(0, value.length() - 1);
        }
        long unit = 1;
        char last = value.isEmpty() ? ' ' : value.charAt(value.length() - 1);
        switch (last) {
            case 'k' -> unit = 1L << 10;
            case 'm' -> unit = 1L << 20;
            case 'g' -> unit = 1L << 30;
            default -> { }
        }
        if (unit > 1) {
            value = value.substring(0, value.length() - 1);
        }
        try {
            return Math.round(Double.parseDouble(value) * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "invalid size '" + text + "'; expected a number with k, m or g, e.g. 200m", e);
        }
    }

    /** Command line of the generator. */
    @Command(
            name = "generate-archive",
            mixinStandardHelpOptions = true,
            description = "Writes a synthetic Event archive in the Log Analytics export layout.")
    static final class Cli implements Callable<Integer> {

        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "Archive folder to create; it must not exist or be empty.")
        Path out;

        @Option(names = "--size", defaultValue = "2g", paramLabel = "SIZE",
                description = "Approximate archive size, with k, m or g (binary). Default: 2g.")
        String size;

        @Option(names = "--seed", defaultValue = "1", description = "Random seed. Default: 1.")
        long seed;

        @Option(names = "--trap-share", defaultValue = "0.002", paramLabel = "FRACTION",
                description = "Fraction of rows that are rule matches or look-alikes."
                        + " Default: 0.002.")
        double trapShare;

        @Option(names = "--rows-per-file", defaultValue = "40000", paramLabel = "N",
                description = "Rows in each hourly file. Default: 40000 (about 40 MB).")
        int rowsPerFile;

        @Option(names = "--threads", paramLabel = "N",
                description = "Files written at once. Default: the number of cores.")
        int threads = Runtime.getRuntime().availableProcessors();

        @Override
        public Integer call() throws Exception {
            Options options = new Options(parseSize(size), seed, trapShare, rowsPerFile);
            long start = System.nanoTime();
            ArchiveManifest manifest = generate(out, options, threads);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT,
                    "Wrote %,d rows (%,d rule matches) in %d files, %,d bytes, in %.1f s"
                            + " (%.0f MB/s)%nManifest: %s%n",
                    manifest.rows(), manifest.matches(), manifest.files(), manifest.bytes(),
                    seconds, manifest.bytes() / 1e6 / seconds, ArchiveManifest.pathFor(out));
            return 0;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Cli()).execute(args));
    }
}
