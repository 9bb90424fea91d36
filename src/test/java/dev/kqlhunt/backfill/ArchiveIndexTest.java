package dev.kqlhunt.backfill;

import dev.kqlhunt.rule.Schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks which late-export days of a one-day window an archive of hourly partitions misses. */
class ArchiveIndexTest {

    private static final Schedule.Window MARCH_2 =
            new Schedule.Window(
                    Instant.parse("2021-03-02T00:00:00Z").toEpochMilli(),
                    Instant.parse("2021-03-03T00:00:00Z").toEpochMilli());

    @TempDir Path archive;

    @Test
    void fullNextDayIsComplete() throws IOException {
        writeHours(2, 0, 23);
        writeHours(3, 0, 23);

        assertThat(index(Duration.ofDays(1)).missingLateDays(MARCH_2)).isEmpty();
    }

    @Test
    void absentNextDayIsMissing() throws IOException {
        writeHours(2, 0, 23);
        writeHours(4, 0, 23);

        assertThat(index(Duration.ofDays(1)).missingLateDays(MARCH_2))
                .containsExactly(LocalDate.of(2021, 3, 3));
    }

    @Test
    void nextDayStillExportingIsMissing() throws IOException {
        writeHours(2, 0, 23);
        writeHours(3, 0, 5);

        assertThat(index(Duration.ofDays(1)).missingLateDays(MARCH_2))
                .containsExactly(LocalDate.of(2021, 3, 3));
    }

    @Test
    void shortDelayNeedsOnlyItsHours() throws IOException {
        writeHours(2, 0, 23);
        writeHours(3, 0, 5);

        assertThat(index(Duration.ofHours(6)).missingLateDays(MARCH_2)).isEmpty();
        assertThat(index(Duration.ofHours(7)).missingLateDays(MARCH_2))
                .containsExactly(LocalDate.of(2021, 3, 3));
    }

    @Test
    void zeroDelayNeedsNoLaterDay() throws IOException {
        writeHours(2, 0, 23);

        assertThat(index(Duration.ZERO).missingLateDays(MARCH_2)).isEmpty();
    }

    @Test
    void unboundedDelayNeedsNextDay() throws IOException {
        writeHours(2, 0, 23);
        writeHours(3, 0, 23);

        assertThat(index(null).missingLateDays(MARCH_2)).isEmpty();

        Files.delete(hourFolder(3, 23).resolve("PT1H.json"));

        assertThat(index(null).missingLateDays(MARCH_2))
                .containsExactly(LocalDate.of(2021, 3, 3));
    }

    @Test
    void unpartitionedFileIsNeverIncomplete() throws IOException {
        writeHours(2, 0, 23);
        Files.writeString(archive.resolve("download.json"), "{}\n");

        assertThat(index(Duration.ofDays(1)).missingLateDays(MARCH_2)).isEmpty();
    }

    private ArchiveIndex index(Duration maxExportDelay) throws IOException {
        return ArchiveIndex.discover(
                List.of(archive), MARCH_2.start(), MARCH_2.end(), maxExportDelay);
    }

    private void writeHours(int day, int firstHour, int lastHour) throws IOException {
        for (int hour = firstHour; hour <= lastHour; hour++) {
            Path folder = Files.createDirectories(hourFolder(day, hour));
            Files.writeString(folder.resolve("PT1H.json"), "{}\n");
        }
    }

    private Path hourFolder(int day, int hour) {
        return archive.resolve(String.format("y=2021/m=03/d=%02d/h=%02d/m=00", day, hour));
    }
}
