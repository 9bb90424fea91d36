package dev.kqlhunt.stream;

import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Hands out file splits in the order of their paths, so that the files of a data-export archive,
 * whose {@code y=/m=/d=/h=/m=} folders sort in time order, are read from the oldest to the
 * newest. Read in any other order, a backlog of files moves the watermark past windows whose
 * files are still unread, and their results arrive late. Flink's own assigners prefer splits on
 * the requesting host and keep no order.
 */
final class PathOrderSplitAssigner implements FileSplitAssigner {

    private static final Comparator<FileSourceSplit> PATH_ORDER =
            Comparator.comparing((FileSourceSplit split) -> split.path().toString())
                    .thenComparingLong(FileSourceSplit::offset);

    private final PriorityQueue<FileSourceSplit> splits = new PriorityQueue<>(PATH_ORDER);

    PathOrderSplitAssigner(Collection<FileSourceSplit> initialSplits) {
        splits.addAll(initialSplits);
    }

    @Override
    public Optional<FileSourceSplit> getNext(String hostname) {
        return Optional.ofNullable(splits.poll());
    }

    @Override
    public void addSplits(Collection<FileSourceSplit> newSplits) {
        splits.addAll(newSplits);
    }

    @Override
    public Collection<FileSourceSplit> remainingSplits() {
        return new ArrayList<>(splits);
    }
}
