package dev.kqlhunt.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Polls the matches folder of a {@code watch} job and records, per match, the wall-clock time it
 * was first seen written and the time it was first seen in a committed file.
 *
 * <p>Flink's file sink appends each result at once to a hidden in-progress file
 * ({@code .part-*.inprogress.*}) and renames that file to a visible {@code part-*.jsonl} file when
 * the next checkpoint completes. A match is written when its line is in either file, and visible
 * when it is in a renamed one. Matches are keyed by their {@code TimeGenerated}, which is unique
 * per record of an {@link EventFeed}. Each recorded time is taken after the read that found the
 * line, so it is late by at most one poll interval plus the time of that read.
 */
final class MatchFileWatcher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Duration interval;
    private final Map<String, Long> offsets = new HashMap<>();
    private final Map<Instant, Long> firstWritten = new HashMap<>();
    private final Map<Instant, Long> firstVisible = new HashMap<>();
    private final Map<Instant, Integer> visibleCounts = new HashMap<>();
    private long visibleLines;
    private long invalidLines;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    MatchFileWatcher(Path directory, Duration interval) {
        this.directory = directory;
        this.interval = interval;
        this.thread = new Thread(this::run, "match file watcher");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                poll();
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                failure = e;
                return;
            }
        }
    }

    /** Reads the lines added to each file since the last poll. */
    synchronized void poll() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(Files::isRegularFile).toList();
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            boolean visible = name.startsWith("part-");
            if (visible || name.contains(".inprogress.")) {
                readNewLines(file, name, visible);
            }
        }
    }

    private void readNewLines(Path file, String name, boolean visible) {
        long offset = offsets.getOrDefault(name, 0L);
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= offset) {
                return;
            }
            // Reads up to the size seen when the file was opened, or less if it was truncated.
            ByteBuffer buffer = ByteBuffer.allocate((int) (size - offset));
            int read = 0;
            while (buffer.hasRemaining() && read >= 0) {
                read = channel.read(buffer, offset + buffer.position());
            }
            bytes = Arrays.copyOf(buffer.array(), buffer.position());
        } catch (NoSuchFileException renamedOrDeleted) {
            // A checkpoint renamed the in-progress file, whose lines are then read as visible ones.
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long seenAt = System.currentTimeMillis();
        int lineStart = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                record(new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8),
                        visible, seenAt);
                lineStart = i + 1;
            }
        }
        // A line without its newline yet is read again on the next poll.
        offsets.put(name, offset + lineStart);
    }

    private void record(String line, boolean visible, long seenAt) {
        Instant time = timeGenerated(line);
        if (time == null) {
            invalidLines++;
            return;
        }
        firstWritten.putIfAbsent(time, seenAt);
        if (visible) {
            firstVisible.putIfAbsent(time, seenAt);
            visibleCounts.merge(time, 1, Integer::sum);
            visibleLines++;
        }
    }

    private static Instant timeGenerated(String line) {
        try {
            JsonNode match = JSON.readTree(line);
            return Instant.parse(match.path("TimeGenerated").asText());
        } catch (IOException | DateTimeParseException e) {
            return null;
        }
    }

    /** Returns the number of match lines in committed files, counting repeats. */
    synchronized long visibleLines() {
        checkRunning();
        return visibleLines;
    }

    /** Returns the number of lines that are not JSON with a valid {@code TimeGenerated}. */
    synchronized long invalidLines() {
        return invalidLines;
    }

    /** Returns the first time each match was seen written, in epoch milliseconds. */
    synchronized Map<Instant, Long> firstWritten() {
        return Map.copyOf(firstWritten);
    }

    /** Returns the first time each match was seen in a committed file, in epoch milliseconds. */
    synchronized Map<Instant, Long> firstVisible() {
        return Map.copyOf(firstVisible);
    }

    /** Returns how often each match occurs in the committed files. */
    synchronized Map<Instant, Integer> visibleCounts() {
        return Map.copyOf(visibleCounts);
    }

    private void checkRunning() {
        if (failure != null) {
            throw new IllegalStateException("reading " + directory + " failed", failure);
        }
    }

    /** Stops polling, then reads every file once more. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
        poll();
        checkRunning();
    }
}
