package dev.kqlhunt.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class ArchiveFilesTest {

    @TempDir Path dir;

    private Path touch(String relative) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{}\n");
        return file;
    }

    private static String hour(int day, int hour) {
        return String.format("y=2021/m=03/d=%02d/h=%02d/m=00/", day, hour);
    }

    @Test
    void findsExportNamesAndReportsOthers() throws Exception {
        Path a = touch(hour(2, 10) + "PT05M.json");
        Path b = touch(hour(2, 10) + "PT05M_1.json");
        Path c = touch(hour(2, 11) + "PT1H.json.gz");
        Path d = touch("plain/events.jsonl");
        Path unknown = touch("plain/notes.txt");
        Path hidden = touch("plain/_SUCCESS");
        Path hiddenDir = touch(".staging/x.json").getParent();

        ArchiveFiles.Discovery found = ArchiveFiles.discover(List.of(dir), null, null);

        assertThat(found.files()).containsExactly(d, a, b, c);
        assertThat(found.skipped())
                .containsExactlyInAnyOrder(
                        new ArchiveFiles.Skipped(
                                hiddenDir, ArchiveFiles.SkipReason.HIDDEN_NAME, "hidden directory"),
                        new ArchiveFiles.Skipped(
                                hidden, ArchiveFiles.SkipReason.HIDDEN_NAME, "hidden file"),
                        new ArchiveFiles.Skipped(
                                unknown,
                                ArchiveFiles.SkipReason.UNKNOWN_TYPE,
                                "name does not end in .json, .jsonl or .ndjson, optionally .gz"));
    }

    @Test
    void prunesPartitionsOutsideRangeWithTheGivenExportDelay() throws Exception {
        Path before = touch(hour(2, 8) + "PT1H.json");
        Path slackBefore = touch(hour(2, 9) + "PT1H.json");
        Path inside = touch(hour(2, 10) + "PT1H.json");
        Path slackAfter = touch(hour(2, 11) + "PT1H.json");
        Path after = touch(hour(2, 12) + "PT1H.json");
        Path otherDay = touch(hour(5, 10) + "PT1H.json");

        ArchiveFiles.Discovery found =
                ArchiveFiles.discover(
                        List.of(dir),
                        Instant.parse("2021-03-02T10:00:00Z"),
                        Instant.parse("2021-03-02T11:00:00Z"),
                        Duration.ofHours(1));

        assertThat(found.files()).containsExactly(slackBefore, inside, slackAfter);
        assertThat(found.skipped())
                .extracting(ArchiveFiles.Skipped::path)
                .containsExactlyInAnyOrder(
                        before.getParent().getParent(),
                        after.getParent().getParent(),
                        otherDay.getParent().getParent().getParent());
        assertThat(found.skipped())
                .extracting(ArchiveFiles.Skipped::reason)
                .containsOnly(ArchiveFiles.SkipReason.OUTSIDE_TIME_RANGE);
    }

    @Test
    void exportDelayDefaultsToOneDay() throws Exception {
        Path before = touch(hour(2, 8) + "PT1H.json");
        Path inside = touch(hour(2, 10) + "PT1H.json");
        Path nextDay = touch(hour(3, 10) + "PT1H.json");
        Path dayAfter = touch(hour(3, 11) + "PT1H.json");
        Path weekLater = touch(hour(9, 10) + "PT1H.json");
        Instant from = Instant.parse("2021-03-02T10:00:00Z");
        Instant to = Instant.parse("2021-03-02T11:00:00Z");

        assertThat(ArchiveFiles.discover(List.of(dir), from, to).files())
                .containsExactly(inside, nextDay);
        assertThat(ArchiveFiles.discover(List.of(dir), from, to, null).files())
                .containsExactly(inside, nextDay, dayAfter, weekLater)
                .doesNotContain(before);
    }

    @Test
    void explicitFileIsReadWhateverItsName() throws Exception {
        Path file = touch("download.txt");

        ArchiveFiles.Discovery found = ArchiveFiles.discover(List.of(file), null, null);

        assertThat(found.files()).containsExactly(file);
        assertThat(found.skipped()).isEmpty();
    }

    @Test
    void reportsSymbolicLinkLoopAndDuplicates() throws Exception {
        Path file = touch("data/PT1H.json");
        Path loop = Files.createSymbolicLink(dir.resolve("data/loop"), dir.resolve("data"));

        ArchiveFiles.Discovery found = ArchiveFiles.discover(List.of(dir, file), null, null);

        assertThat(found.files()).containsExactly(file);
        assertThat(found.skipped())
                .containsExactlyInAnyOrder(
                        new ArchiveFiles.Skipped(
                                loop,
                                ArchiveFiles.SkipReason.SYMBOLIC_LINK_LOOP,
                                "symbolic link loop: this directory contains itself"),
                        new ArchiveFiles.Skipped(
                                file, ArchiveFiles.SkipReason.DUPLICATE, "same file as " + file));
    }

    @Test
    void danglingExportLinkIsListedAsFile() throws Exception {
        Path good = touch(hour(2, 10) + "PT05M.json");
        Path minute = Files.createDirectories(dir.resolve("y=2021/m=03/d=02/h=10/m=55"));
        Path dangling =
                Files.createSymbolicLink(minute.resolve("PT05M.json"), dir.resolve("missing.json"));
        Files.createSymbolicLink(dir.resolve("notes.txt"), dir.resolve("missing.txt"));

        ArchiveFiles.Discovery found = ArchiveFiles.discover(List.of(dir), null, null);

        assertThat(found.files()).containsExactly(good, dangling);
        assertThat(found.unlistedFolders()).isEmpty();
        assertThat(found.skipped())
                .containsExactly(
                        new ArchiveFiles.Skipped(
                                dir.resolve("notes.txt"),
                                ArchiveFiles.SkipReason.UNKNOWN_TYPE,
                                "name does not end in .json, .jsonl or .ndjson, optionally .gz"));
    }

    @Test
    void unlistableFolderIsHandedToReader() throws Exception {
        Path good = touch(hour(2, 10) + "PT05M.json");
        Path locked = touch(hour(2, 11) + "PT05M.json").getParent().getParent();
        Files.setPosixFilePermissions(locked, Set.of());
        try {
            // Root lists any folder whatever its permissions, so this case cannot be made as root.
            assumeFalse(Files.isReadable(locked), "the test user can list a folder with mode 000");

            ArchiveFiles.Discovery found = ArchiveFiles.discover(List.of(dir), null, null);

            assertThat(found.files()).containsExactly(good);
            assertThat(found.unlistedFolders()).containsExactly(locked);
            assertThat(found.toRead()).containsExactly(good, locked);
            assertThat(found.skipped())
                    .containsExactly(
                            new ArchiveFiles.Skipped(
                                    locked,
                                    ArchiveFiles.SkipReason.UNREADABLE,
                                    "cannot list the folder: permission denied; reported as an"
                                            + " unreadable-file rejection"));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void unlistableFolderOutsideRangeIsSkipped() throws Exception {
        Path locked = touch(hour(5, 10) + "PT05M.json").getParent().getParent();
        Path inside = touch(hour(2, 10) + "PT05M.json");
        Files.setPosixFilePermissions(locked, Set.of());
        try {
            assumeFalse(Files.isReadable(locked), "the test user can list a folder with mode 000");

            ArchiveFiles.Discovery found =
                    ArchiveFiles.discover(
                            List.of(dir),
                            Instant.parse("2021-03-02T10:00:00Z"),
                            Instant.parse("2021-03-02T11:00:00Z"),
                            Duration.ofHours(1));

            assertThat(found.files()).containsExactly(inside);
            assertThat(found.unlistedFolders()).isEmpty();
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void skippedEntriesDescribedByReason() throws Exception {
        touch("data/PT1H.json");
        touch("data/README.txt");
        touch("data/a.csv");
        touch("data/b.csv");
        touch("data/c\u001b[31m.csv");
        Files.createSymbolicLink(dir.resolve("data/loop"), dir.resolve("data"));

        SkippedEntries skipped =
                SkippedEntries.of(ArchiveFiles.discover(List.of(dir), null, null).skipped());

        assertThat(skipped.total()).isEqualTo(5);
        assertThat(skipped.describe())
                .isEqualTo(
                        "4 not .json, .jsonl, .ndjson or their .gz (README.txt, a.csv, b.csv and"
                                + " 1 more); 1 symbolic link loop (loop)");
        assertThat(skipped.byReason().get(ArchiveFiles.SkipReason.UNKNOWN_TYPE))
                .containsExactly(
                        dir.resolve("data/README.txt"),
                        dir.resolve("data/a.csv"),
                        dir.resolve("data/b.csv"),
                        dir.resolve("data/c\u001b[31m.csv"));
        assertThat(skipped.byReason().get(ArchiveFiles.SkipReason.DUPLICATE)).isEmpty();
    }

    @Test
    void namesWithControlCharactersAreEscaped() throws Exception {
        Path file = dir.resolve("x\u001b]0;title\u0007.txt");

        SkippedEntries skipped =
                SkippedEntries.of(
                        List.of(
                                new ArchiveFiles.Skipped(
                                        file, ArchiveFiles.SkipReason.UNKNOWN_TYPE, "")));

        assertThat(skipped.describe())
                .isEqualTo(
                        "1 not .json, .jsonl, .ndjson or their .gz"
                                + " (x\\u001B]0;title\\u0007.txt)");
    }

    @Test
    void missingRootIsAnError() {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> ArchiveFiles.discover(List.of(missing), null, null))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("input path not found");
    }
}
