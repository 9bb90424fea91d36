package dev.kqlhunt.backfill;

import dev.kqlhunt.events.ArchiveFiles;
import dev.kqlhunt.events.SkippedEntries;
import dev.kqlhunt.rule.Schedule;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The export files of an archive with the time span of their partition folder, listed once per
 * backfill, so that each window reads only the partitions that can hold its rows.
 *
 * <p>Data export files a row under the hour it was exported, which is at or after its
 * {@code TimeGenerated}. In the bundled archive 121 of 877 rows sit in the folder of the next
 * hour, at most 14.4 minutes after their {@code TimeGenerated}, and none sits in an earlier
 * hour. A window therefore also reads the partitions that start less than the maximum export
 * delay after its end ({@code backfill --max-export-delay}, one day by default). It also reads
 * the hour before its start ({@link #EARLY_SLACK}) for rows whose {@code TimeGenerated} comes from
 * an agent clock ahead of the exporter's. Rows read for the slack are dropped by their
 * {@code TimeGenerated}, so the slack costs only reading: 49 hours of files for a one-day window
 * with the default delay.
 *
 * <p>A row exported later than the delay falls out of its window. A window whose late-export
 * days are not in the archive yet is evaluated but marked incomplete ({@link #missingLateDays}).
 *
 * <p>Files outside the partition layout, such as a portal download, have no known time: every
 * window reads them, and no window of such an archive is reported as a gap.
 */
final class ArchiveIndex {

    /** Partitions read before a window's start, for rows filed ahead of their time. */
    static final Duration EARLY_SLACK = Duration.ofHours(1);

    /**
     * The late-export span that must be in the archive for a window to count as complete with
     * {@code --max-export-delay none}: one day after the window's end.
     */
    static final Duration UNBOUNDED_DELAY_CHECKED = Duration.ofDays(1);

    /**
     * A path a window may read: an export file, or a folder the listing could not list, which the
     * reader reports as a rejection and which covers no day.
     */
    private record IndexedFile(Path path, Optional<PartitionSpan> span, boolean unlisted) {}

    private final List<IndexedFile> files;
    private final SkippedEntries skipped;
    /** How long after a window's end partitions are read, or null for every later one. */
    private final Duration lateSlack;
    private final boolean hasUnpartitioned;
    /** The UTC days that have at least one partitioned file. */
    private final Set<LocalDate> coveredDays = new HashSet<>();
    /** The end of the latest partition with a file, or null without partitioned files. */
    private Instant partitionsEnd;

    private ArchiveIndex(List<IndexedFile> files, Duration lateSlack, SkippedEntries skipped) {
        this.files = List.copyOf(files);
        this.lateSlack = lateSlack;
        this.skipped = skipped;
        this.hasUnpartitioned =
                files.stream().anyMatch(file -> !file.unlisted() && file.span().isEmpty());
        for (IndexedFile file : files) {
            if (!file.unlisted()) {
                file.span().ifPresent(this::cover);
            }
        }
    }

    private void cover(PartitionSpan span) {
        coveredDays.addAll(daysOf(span.start(), span.end()));
        if (partitionsEnd == null || span.end().isAfter(partitionsEnd)) {
            partitionsEnd = span.end();
        }
    }

    /**
     * Lists the export files under {@code roots} that windows in [from, to) may read.
     *
     * @param maxExportDelay how long after a window's end partitions are still read; null reads
     *     every later partition
     */
    static ArchiveIndex discover(
            List<Path> roots, Instant from, Instant to, Duration maxExportDelay)
            throws IOException {
        ArchiveFiles.Discovery discovery =
                ArchiveFiles.discover(roots, from.minus(EARLY_SLACK), to, maxExportDelay);
        List<IndexedFile> files = new ArrayList<>();
        for (Path file : discovery.files()) {
            files.add(new IndexedFile(file, PartitionSpan.of(file), false));
        }
        for (Path folder : discovery.unlistedFolders()) {
            // PartitionSpan reads the folders above a file, so a child path gives the span of
            // the folder itself.
            files.add(new IndexedFile(folder, PartitionSpan.of(folder.resolve("entry")), true));
        }
        return new ArchiveIndex(files, maxExportDelay, SkippedEntries.of(discovery.skipped()));
    }

    /** Returns the number of export files, leaving out the folders that could not be listed. */
    int size() {
        return (int) files.stream().filter(file -> !file.unlisted()).count();
    }

    /** Returns the entries the listing left out, by reason. */
    SkippedEntries skipped() {
        return skipped;
    }

    /** Returns the files a window reads: its partitions with the slack on both sides. */
    List<Path> filesFor(Schedule.Window window) {
        Instant until = lateSlack == null ? Instant.MAX : window.end().plus(lateSlack);
        return select(window.start().minus(EARLY_SLACK), until);
    }

    /**
     * Returns the files whose partition lies in the window itself, without slack. Rejected lines
     * are reported with the window that owns their file, so that a file read by two neighbouring
     * windows reports them once.
     */
    List<Path> ownFiles(Schedule.Window window) {
        return select(window.start(), window.end());
    }

    /** Returns the UTC days of the window that have no partition at all, earliest first. */
    List<LocalDate> missingDays(Schedule.Window window) {
        if (hasUnpartitioned) {
            return List.of();
        }
        List<LocalDate> missing = new ArrayList<>();
        for (LocalDate day : daysOf(window.start(), window.end())) {
            if (!coveredDays.contains(day)) {
                missing.add(day);
            }
        }
        return missing;
    }

    /**
     * Returns the UTC days after the window's end, up to the maximum export delay, that the
     * archive does not hold yet, earliest first. A window with such days misses the rows exported
     * late into them. A day is missing when it has no partition, or when the archive's latest
     * partition ends before the day's part of the span does, as for the day still being exported.
     * With an unbounded delay the day after the window's end is checked.
     *
     * <p>NOTE: an export that wrote no file for the last hours of the span, because no rows
     * arrived, looks like an export still running, so the window stays incomplete until a later
     * partition appears.
     */
    List<LocalDate> missingLateDays(Schedule.Window window) {
        Instant spanEnd =
                window.end().plus(lateSlack == null ? UNBOUNDED_DELAY_CHECKED : lateSlack);
        if (hasUnpartitioned || !spanEnd.isAfter(window.end())) {
            return List.of();
        }
        List<LocalDate> missing = new ArrayList<>();
        for (LocalDate day : daysOf(window.end(), spanEnd)) {
            Instant dayEnd = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant needed = dayEnd.isBefore(spanEnd) ? dayEnd : spanEnd;
            if (!coveredDays.contains(day)
                    || partitionsEnd == null
                    || partitionsEnd.isBefore(needed)) {
                missing.add(day);
            }
        }
        return missing;
    }

    /** Returns the UTC days that [from, to) touches. */
    private static List<LocalDate> daysOf(Instant from, Instant to) {
        List<LocalDate> days = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(to.minusMillis(1), ZoneOffset.UTC);
        for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC);
                !day.isAfter(last);
                day = day.plusDays(1)) {
            days.add(day);
        }
        return days;
    }

    private List<Path> select(Instant from, Instant to) {
        List<Path> selected = new ArrayList<>();
        for (IndexedFile file : files) {
            if (file.span().map(span -> span.overlaps(from, to)).orElse(true)) {
                selected.add(file.path());
            }
        }
        return selected;
    }
}
