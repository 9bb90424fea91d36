package dev.kqlhunt.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.kqlhunt.bench.ProcessMeter.Measurement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Runs kql-hunt, the DuckDB peer and the byte-scan floor in turns over one archive, each as a
 * subprocess so that wall time and peak memory are measured the same way, and checks that
 * kql-hunt's matches equal DuckDB's.
 */
@Command(
        name = "benchmark",
        mixinStandardHelpOptions = true,
        description = "Measures kql-hunt against DuckDB and a byte scan over one Event archive.")
public final class Benchmark implements Callable<Integer> {

    static final String KQL_HUNT = "kql-hunt";
    static final String KQL_HUNT_BEFORE = "kql-hunt-before";
    static final String DUCKDB = "duckdb";
    static final String FLOOR = "floor";

    @Option(names = "--archive", defaultValue = "target/bench/archive", paramLabel = "DIR",
            description = "Archive to measure; generated with --size and --seed when absent."
                    + " Default: target/bench/archive.")
    Path archive;

    @Option(names = "--size", defaultValue = "2g", paramLabel = "SIZE",
            description = "Size of a generated archive, with k, m or g. Default: 2g.")
    String size;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of a generated archive.")
    long seed;

    @Option(names = "--rounds", defaultValue = "3", description = "Runs of each peer. Default: 3.")
    int rounds;

    @Option(names = "--kql-hunt-command", paramLabel = "TEMPLATE",
            defaultValue = "./kql-hunt hunt --rule jobs/silk-typhoon-um-service-error"
                    + " --events {events} --out {out}",
            description = "kql-hunt's command line, split at whitespace; {events} and {out} are"
                    + " replaced. Default: ${DEFAULT-VALUE}")
    String kqlHuntCommand;

    @Option(names = "--kql-hunt-dir", defaultValue = ".", paramLabel = "DIR",
            description = "Folder kql-hunt runs in (the project root). Default: the current one.")
    Path kqlHuntDir;

    @Option(names = "--kql-hunt-before-dir", paramLabel = "DIR",
            description = "Another kql-hunt project root, such as a checkout of an earlier"
                    + " commit, run with the same command as peer kql-hunt-before, so that a"
                    + " change is measured side by side in the same rounds.")
    Path kqlHuntBeforeDir;

    @Option(names = "--skip-kql-hunt", description = "Measure only DuckDB and the floor.")
    boolean skipKqlHunt;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--work", defaultValue = "target/bench/work", paramLabel = "DIR",
            description = "Folder for outputs and logs of each run. Default: target/bench/work.")
    Path work;

    @Override
    public Integer call() throws Exception {
        ArchiveManifest manifest = ensureArchive();
        Files.createDirectories(work);
        List<Peer> peers = peers();
        System.out.println("Machine: " + MachineInfo.describe());
        System.out.println("Memory measured with " + ProcessMeter.describe());

        System.out.println("Warming the page cache with one untimed scan...");
        ByteScanFloor.Result scan = ByteScanFloor.scan(archive, 1);
        long rows = manifest != null ? manifest.rows() : scan.newlines();
        System.out.printf(Locale.ROOT, "Archive: %s, %,d bytes in %d files, %,d rows%s%n",
                archive, scan.bytes(), scan.files(), rows,
                manifest == null ? "" : ", " + manifest.matches() + " planted rule matches"
                        + " (seed " + manifest.seed() + ")");

        BenchmarkReport report = new BenchmarkReport(peers, scan.bytes(), rows);
        buildKqlHunt(peers, report);
        if (!skipKqlHunt && peers.stream().noneMatch(p -> p.name().equals(KQL_HUNT))) {
            report.note(KQL_HUNT, "not run: " + missingKqlHunt().orElse("skipped"));
        }
        boolean ok = runRounds(peers, report, manifest);
        System.out.println();
        report.print(System.out);
        System.out.println("Benchmark command: "
                + System.getProperty("bench.invocation", "Benchmark") + " "
                + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        return ok ? 0 : 1;
    }

    /**
     * Runs kql-hunt with --help, untimed, so that a launcher that builds first does so now. Then
     * hunts the project's small bundled archive twice: the first hunt writes the launcher's
     * class-data archive, and the second one's wall time is reported as kql-hunt's start-up.
     */
    private void buildKqlHunt(List<Peer> peers, BenchmarkReport report)
            throws IOException, InterruptedException {
        for (Peer peer : peers) {
            if (peer.name().startsWith(KQL_HUNT)) {
                System.out.println("Running " + peer.name() + " --help and two hunts of its"
                        + " bundled archive, untimed, so it is built and warm...");
                Path logs = work.resolve(peer.name() + "-help").toAbsolutePath();
                List<String> help = List.of(peer.template().get(0), "--help");
                Measurement run = ProcessMeter.run(help, peer.directory(), logs);
                if (run.exitCode() != 0) {
                    System.out.println("  " + peer.name() + " --help failed; see " + logs
                            + ".err");
                }
                Path bundled = peer.directory().resolve("test-data").resolve("archive");
                if (Files.isDirectory(bundled)) {
                    Path out = work.resolve(peer.name() + "-warm-up-out").toAbsolutePath();
                    deleteTree(out);
                    Path warmLogs = work.resolve(peer.name() + "-warm-up").toAbsolutePath();
                    ProcessMeter.run(peer.command(bundled, out), peer.directory(), warmLogs);
                    // The second run finds the class-data archive that the first one wrote.
                    deleteTree(out);
                    Measurement start =
                            ProcessMeter.run(peer.command(bundled, out), peer.directory(), warmLogs);
                    if (start.exitCode() == 0) {
                        report.startUp(peer.name(), start.wallSeconds());
                    }
                }
            }
        }
    }

    private boolean runRounds(List<Peer> peers, BenchmarkReport report, ArchiveManifest manifest)
            throws IOException, InterruptedException {
        boolean ok = true;
        for (int round = 1; round <= rounds; round++) {
            for (int turn = 0; turn < peers.size(); turn++) {
                Peer peer = peers.get((round - 1 + turn) % peers.size());
                ok &= runOnce(peer, round, report);
            }
            ok &= compareRound(round, report, manifest);
        }
        return ok;
    }

    private boolean runOnce(Peer peer, int round, BenchmarkReport report)
            throws IOException, InterruptedException {
        Path out = output(peer, round);
        deleteTree(out);
        List<String> command = peer.command(archive.toAbsolutePath(), out.toAbsolutePath());
        report.command(peer.name(), command);
        Path logs = work.resolve(peer.name() + "-" + round).toAbsolutePath();
        System.out.printf(Locale.ROOT, "Round %d: %s...%n", round, peer.name());
        Measurement measurement = ProcessMeter.run(command, peer.directory(), logs);
        report.add(peer.name(), measurement);
        if (measurement.exitCode() != 0) {
            System.out.printf(Locale.ROOT, "  %s failed with exit code %d; its output is in %s.out"
                    + " and %s.err%n", peer.name(), measurement.exitCode(), logs, logs);
            return false;
        }
        System.out.printf(Locale.ROOT, "  %.2f s, %d MB peak%n", measurement.wallSeconds(),
                measurement.peakRssKb() / 1024);
        return true;
    }

    /** Compares this round's kql-hunt and DuckDB matches, and DuckDB's with the manifest. */
    private boolean compareRound(int round, BenchmarkReport report, ArchiveManifest manifest)
            throws IOException {
        Path duckdb = output(DUCKDB, round);
        if (!Files.exists(duckdb)) {
            return false;
        }
        List<String> duckdbRows = MatchComparison.readLines(duckdb);
        boolean ok = true;
        if (manifest != null && duckdbRows.size() != manifest.matches()) {
            report.comparison(String.format(Locale.ROOT,
                    "Round %d: DuckDB returned %d rows, the generator planted %d", round,
                    duckdbRows.size(), manifest.matches()));
            ok = false;
        } else if (manifest != null) {
            report.comparison(String.format(Locale.ROOT,
                    "Round %d: DuckDB returned the %d rows the generator planted", round,
                    duckdbRows.size()));
        }
        for (String name : List.of(KQL_HUNT, KQL_HUNT_BEFORE)) {
            ok &= compareWithDuckDb(name, round, duckdbRows, report);
        }
        return ok;
    }

    private boolean compareWithDuckDb(
            String name, int round, List<String> duckdbRows, BenchmarkReport report)
            throws IOException {
        Path kqlHunt = output(name, round).resolve("matches");
        if (skipKqlHunt || !Files.isDirectory(kqlHunt)) {
            return true;
        }
        MatchComparison.Result result =
                MatchComparison.compare(MatchComparison.readLines(kqlHunt), duckdbRows);
        if (result.equal()) {
            report.comparison(String.format(Locale.ROOT,
                    "Round %d: %s's %d matches equal DuckDB's", round, name, result.left()));
            return true;
        }
        report.comparison(String.format(Locale.ROOT,
                "Round %d: MATCHES DIFFER: %s %d rows, DuckDB %d rows; %d only in %s,"
                        + " %d only in DuckDB. Examples only in %s: %s; only in DuckDB: %s",
                round, name, result.left(), result.right(), result.onlyLeftCount(), name,
                result.onlyRightCount(), name, result.onlyLeft(), result.onlyRight()));
        return false;
    }

    private List<Peer> peers() {
        List<Peer> peers = new ArrayList<>();
        if (!skipKqlHunt) {
            Optional<String> missing = missingKqlHunt();
            if (missing.isPresent()) {
                System.out.println("kql-hunt is not measured: " + missing.get() + ". Pass"
                        + " --kql-hunt-dir (the project root) or --kql-hunt-command, or"
                        + " --skip-kql-hunt.");
            } else {
                peers.add(Peer.of(KQL_HUNT, kqlHuntCommand, kqlHuntDir.toAbsolutePath()));
            }
            if (kqlHuntBeforeDir != null) {
                peers.add(Peer.of(KQL_HUNT_BEFORE, kqlHuntCommand,
                        kqlHuntBeforeDir.toAbsolutePath()));
            }
        }
        peers.add(Peer.javaMain(DUCKDB, DuckDbPeer.class, List.of("{events}", "{out}")));
        peers.add(Peer.javaMain(FLOOR, ByteScanFloor.class, List.of("{events}")));
        return peers;
    }

    private Optional<String> missingKqlHunt() {
        return Peer.of(KQL_HUNT, kqlHuntCommand, kqlHuntDir.toAbsolutePath()).missingProgram();
    }

    private Path output(Peer peer, int round) {
        return output(peer.name(), round);
    }

    private Path output(String peer, int round) {
        String suffix = peer.equals(DUCKDB) ? ".jsonl" : "";
        return work.resolve(peer + "-" + round + "-out" + suffix);
    }

    private ArchiveManifest ensureArchive() throws IOException, InterruptedException {
        if (Files.isDirectory(archive)) {
            ArchiveManifest manifest = ArchiveManifest.readIfPresent(archive);
            if (manifest != null && manifest.format() != ArchiveGenerator.FORMAT) {
                throw new IllegalArgumentException("archive " + archive + " was written by"
                        + " generator format " + manifest.format() + ", this one writes "
                        + ArchiveGenerator.FORMAT + "; delete it to generate it again");
            }
            return manifest;
        }
        ArchiveGenerator.Options options =
                ArchiveGenerator.Options.ofSize(ArchiveGenerator.parseSize(size), seed);
        System.out.printf(Locale.ROOT, "Generating a %s archive (seed %d) in %s...%n", size, seed,
                archive);
        int threads = Runtime.getRuntime().availableProcessors();
        return ArchiveGenerator.generate(archive, options, threads);
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(entry);
            }
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Benchmark()).execute(args));
    }
}
