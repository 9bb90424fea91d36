package dev.kqlhunt.events;

import dev.kqlhunt.output.Terminal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The paths a listing left out, grouped by {@link ArchiveFiles.SkipReason}. */
public final class SkippedEntries {

    /** Names shown per reason on the console. */
    static final int NAMES_SHOWN = 3;

    private final Map<ArchiveFiles.SkipReason, List<Path>> byReason;
    private final int total;

    private SkippedEntries(Map<ArchiveFiles.SkipReason, List<Path>> byReason, int total) {
        this.byReason = byReason;
        this.total = total;
    }

    /** Groups {@code skipped} by reason, keeping the order of the paths within each reason. */
    public static SkippedEntries of(List<ArchiveFiles.Skipped> skipped) {
        Map<ArchiveFiles.SkipReason, List<Path>> byReason =
                new EnumMap<>(ArchiveFiles.SkipReason.class);
        for (ArchiveFiles.SkipReason reason : ArchiveFiles.SkipReason.values()) {
            byReason.put(reason, new ArrayList<>());
        }
        for (ArchiveFiles.Skipped entry : skipped) {
            byReason.get(entry.reason()).add(entry.path());
        }
        byReason.replaceAll((reason, paths) -> Collections.unmodifiableList(paths));
        return new SkippedEntries(Collections.unmodifiableMap(byReason), skipped.size());
    }

    /** Returns the number of paths left out. */
    public int total() {
        return total;
    }

    /** Returns the paths left out for each reason, every reason present, in declaration order. */
    public Map<ArchiveFiles.SkipReason, List<Path>> byReason() {
        return byReason;
    }

    /**
     * Describes the reasons with a count each and up to {@value #NAMES_SHOWN} file names, such as
     * {@code 1 not .json, .jsonl, .ndjson or their .gz (README.txt); 1 symbolic link loop (loop)}.
     * Names have terminal control characters escaped, because a file name can contain any of
     * them. Returns an empty string when nothing was left out.
     */
    public String describe() {
        List<String> groups = new ArrayList<>();
        byReason.forEach(
                (reason, paths) -> {
                    if (!paths.isEmpty()) {
                        groups.add(paths.size() + " " + reason.label() + " (" + names(paths) + ")");
                    }
                });
        return String.join("; ", groups);
    }

    private static String names(List<Path> paths) {
        List<String> names = new ArrayList<>();
        for (Path path : paths.subList(0, Math.min(NAMES_SHOWN, paths.size()))) {
            Path name = path.getFileName();
            names.add(Terminal.safe(String.valueOf(name == null ? path : name)));
        }
        String shown = String.join(", ", names);
        int more = paths.size() - names.size();
        return more > 0 ? shown + " and " + more + " more" : shown;
    }
}
