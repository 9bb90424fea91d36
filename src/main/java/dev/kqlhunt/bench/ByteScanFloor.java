package dev.kqlhunt.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Reads every byte of an archive and counts newlines, one file per thread: the throughput no
 * peer that reads the whole archive can beat on the same machine.
 */
public final class ByteScanFloor {

    private static final int BUFFER_BYTES = 1 << 20;
    private static final long LOW_BITS = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

    /** Totals of one scan. */
    public record Result(int files, long bytes, long newlines) {}

    private ByteScanFloor() {}

    public static Result scan(Path events, int threads) throws IOException, InterruptedException {
        List<Path> files = files(events);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<long[]>> counts = new ArrayList<>();
            for (Path file : files) {
                counts.add(pool.submit(() -> scanFile(file)));
            }
            long bytes = 0;
            long newlines = 0;
            for (Future<long[]> count : counts) {
                long[] result = Tasks.join(count);
                bytes += result[0];
                newlines += result[1];
            }
            return new Result(files.size(), bytes, newlines);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Returns the regular files under {@code events} (or the file itself), sorted by path. */
    static List<Path> files(Path events) throws IOException {
        if (Files.isRegularFile(events)) {
            return List.of(events);
        }
        try (Stream<Path> walk = Files.walk(events)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static long[] scanFile(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long bytes = 0;
        long newlines = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) > 0) {
                buffer.flip();
                bytes += buffer.remaining();
                while (buffer.remaining() >= Long.BYTES) {
                    newlines += newlinesIn(buffer.getLong());
                }
                while (buffer.hasRemaining()) {
                    newlines += buffer.get() == '\n' ? 1 : 0;
                }
                buffer.clear();
            }
        }
        return new long[] {bytes, newlines};
    }

    /**
     * Counts the bytes of {@code word} that are '\n': after the XOR those bytes are zero, and
     * {@code ((x & 0x7F) + 0x7F) | x} sets a byte's high bit exactly when the byte is not zero,
     * with no carry into the next byte.
     */
    static int newlinesIn(long word) {
        long x = word ^ NEWLINES;
        long nonZero = (((x & LOW_BITS) + LOW_BITS) | x) & HIGH_BITS;
        return Long.BYTES - Long.bitCount(nonZero);
    }

    /** Scans {@code args[0]} with one thread per core and prints the totals. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ByteScanFloor EVENTS_PATH");
            System.exit(2);
        }
        Result result = scan(Path.of(args[0]), Runtime.getRuntime().availableProcessors());
        System.out.println("files=" + result.files() + " bytes=" + result.bytes()
                + " newlines=" + result.newlines());
    }
}
