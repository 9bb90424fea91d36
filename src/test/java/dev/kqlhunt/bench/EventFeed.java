package dev.kqlhunt.bench;

import dev.kqlhunt.bench.ArchiveFile.Workspace;

import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * An endless sequence of generated {@code Event} export records, one JSON object each, with the
 * row shapes and kind shares of {@link ArchiveGenerator}: the same seed and trap share always give
 * the same records.
 *
 * <p>Each hour of event time contains a fixed number of rows of one workspace, one row in each
 * equal slot of the hour in increasing {@code TimeGenerated} order, so no two records of a feed
 * share a {@code TimeGenerated}. The benchmark uses that value to find the record behind each
 * match.
 */
final class EventFeed {

    /** Rows in each hour of event time by default: one every 3.6 ms. */
    static final int ROWS_PER_HOUR = 1_000_000;

    /** One generated record: its JSON text without a line end, and whether the rule returns it. */
    record Record(byte[] value, boolean matches, Instant timeGenerated) {}

    private final SplittableRandom master;
    private final Workspace[] workspaces;
    private final KindPicker picker;
    private final EventRow row = new EventRow();
    private final JsonBuffer buffer = new JsonBuffer(64 << 10);
    private SplittableRandom random;
    private RowFactory factory;
    private final int rowsPerHour;
    private final long ticksPerRow;
    private long index;

    EventFeed(long seed, double trapShare) {
        this(seed, trapShare, ROWS_PER_HOUR);
    }

    EventFeed(long seed, double trapShare, int rowsPerHour) {
        if (rowsPerHour <= 0 || rowsPerHour > ArchiveGenerator.TICKS_PER_HOUR) {
            throw new IllegalArgumentException("rows per hour out of range: " + rowsPerHour);
        }
        this.rowsPerHour = rowsPerHour;
        this.ticksPerRow = ArchiveGenerator.TICKS_PER_HOUR / rowsPerHour;
        this.master = new SplittableRandom(seed);
        this.workspaces = ArchiveGenerator.workspaces(master);
        this.picker = new KindPicker(trapShare);
    }

    /** Returns the number of records generated so far. */
    long count() {
        return index;
    }

    Record next() {
        long inHour = index % rowsPerHour;
        if (inHour == 0) {
            long hour = index / rowsPerHour;
            ArchiveFile file =
                    new ArchiveFile(
                            workspaces[(int) (hour % ArchiveGenerator.WORKSPACES)],
                            ArchiveGenerator.START.plusHours(hour));
            random = master.split();
            factory = new RowFactory(file, random);
        }
        index++;

        EventKind kind = picker.pick(random);
        factory.fill(row, kind, inHour * ticksPerRow + random.nextLong(ticksPerRow));
        buffer.clear();
        row.writeTo(buffer);
        byte[] line = buffer.toByteArray();
        // writeTo ends the object with a newline, which a Kafka record does not need.
        byte[] value = Arrays.copyOf(line, line.length - 1);
        Instant time =
                kind.matches ? Instant.parse(row.get(ExportColumn.TIME_GENERATED)) : null;
        return new Record(value, kind.matches, time);
    }
}
