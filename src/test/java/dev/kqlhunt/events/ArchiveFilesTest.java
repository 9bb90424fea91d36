package dev.kqlhunt.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void readsRowsExportedUpToADayLateByDefaultAndAllLaterPartitionsOnRequest() throws Exception {
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
    void missingRootIsAnError() {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> ArchiveFiles.discover(List.of(missing), null, null))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("input path not found");
    }
}
