package dev.kqlhunt.backfill;

import dev.kqlhunt.rule.Schedule;

import java.nio.file.Path;
import java.util.List;

/**
 * One window of a backfill job: what it reads and where its outputs are staged.
 *
 * @param files the export files the window reads, with the partition slack
 * @param ownFiles the files whose partition lies inside the window, whose rejected lines the
 *     window reports
 * @param staging the folder the job writes {@code matches/}, {@code alerts/} and
 *     {@code rejected/} into before the window is published
 */
record WindowPlan(
        Schedule.Window window, String name, List<Path> files, List<Path> ownFiles, Path staging) {

    WindowPlan {
        files = List.copyOf(files);
        ownFiles = List.copyOf(ownFiles);
    }

    Path matchesDirectory() {
        return staging.resolve("matches");
    }

    Path alertsDirectory() {
        return staging.resolve("alerts");
    }

    Path rejectedDirectory() {
        return staging.resolve("rejected");
    }
}
