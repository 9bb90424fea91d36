package dev.kqlhunt.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MatchFileWatcherTest {

    private static final String FIRST = "{\"TimeGenerated\":\"2021-03-01T00:00:00.1234567Z\"}\n";
    private static final String SECOND = "{\"TimeGenerated\":\"2021-03-01T00:00:01.0000000Z\"}\n";

    @TempDir Path temp;

    @Test
    void inProgressLineIsWrittenThenVisible() throws Exception {
        Path inProgress = temp.resolve(".part-a-0.jsonl.inprogress.b");
        MatchFileWatcher watcher = new MatchFileWatcher(temp, Duration.ofMillis(10));

        // Half a line is not read until its newline arrives.
        Files.writeString(inProgress, FIRST + SECOND.substring(0, 10));
        watcher.poll();
        Map<Instant, Long> writtenBefore = watcher.firstWritten();
        Files.writeString(inProgress, SECOND.substring(10), StandardOpenOption.APPEND);
        watcher.poll();
        Map<Instant, Long> writtenAfter = watcher.firstWritten();
        long visibleBefore = watcher.visibleLines();
        Files.move(inProgress, temp.resolve("part-a-0.jsonl"));
        watcher.close();

        Instant first = Instant.parse("2021-03-01T00:00:00.1234567Z");
        Instant second = Instant.parse("2021-03-01T00:00:01Z");
        assertThat(writtenBefore).containsOnlyKeys(first);
        assertThat(writtenAfter).containsOnlyKeys(first, second);
        assertThat(visibleBefore).isZero();
        assertThat(watcher.visibleLines()).isEqualTo(2);
        assertThat(watcher.visibleCounts()).containsEntry(first, 1).containsEntry(second, 1);
        assertThat(watcher.firstVisible().get(first))
                .isGreaterThanOrEqualTo(writtenAfter.get(first));
        assertThat(watcher.invalidLines()).isZero();
    }

    @Test
    void lineWithoutTimeIsInvalid() throws Exception {
        Files.writeString(temp.resolve("part-c-0.jsonl"), "{\"Computer\":\"EXCH01\"}\nnot json\n",
                StandardCharsets.UTF_8);
        MatchFileWatcher watcher = new MatchFileWatcher(temp, Duration.ofMillis(10));

        watcher.close();

        assertThat(watcher.invalidLines()).isEqualTo(2);
        assertThat(watcher.visibleLines()).isZero();
    }
}
