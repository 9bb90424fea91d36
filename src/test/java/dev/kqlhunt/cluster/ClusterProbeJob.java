package dev.kqlhunt.cluster;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * A DataStream job that reports where its parts ran: it squares the numbers 1 to N on the task
 * slots and collects them back to {@code main()}, which writes a report file.
 *
 * <p>Arguments: {@code REPORT_FILE N}. The report has four lines: {@code client-pid=PID} (the
 * process that ran {@code main()}), {@code task-pids=PID[,PID...]} (the processes that ran the
 * map tasks), {@code rows=COUNT} and {@code sum-of-squares=SUM}.
 */
public final class ClusterProbeJob {

    private ClusterProbeJob() {}

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args[0]);
        long count = Long.parseLong(args[1]);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);

        TreeSet<Long> taskPids = new TreeSet<>();
        long rows = 0;
        long sumOfSquares = 0;
        try (CloseableIterator<Tuple2<Long, Long>> results =
                env.fromSequence(1, count)
                        .map(new SquareWithProcessId())
                        .executeAndCollect("cluster probe")) {
            while (results.hasNext()) {
                Tuple2<Long, Long> result = results.next();
                taskPids.add(result.f0);
                rows++;
                sumOfSquares += result.f1;
            }
        }

        List<String> pids = taskPids.stream().map(String::valueOf).toList();
        Files.write(
                report,
                List.of(
                        "client-pid=" + ProcessHandle.current().pid(),
                        "task-pids=" + String.join(",", pids),
                        "rows=" + rows,
                        "sum-of-squares=" + sumOfSquares));
    }

    /** Maps n to (PID of the task's process, n * n). */
    private static final class SquareWithProcessId
            implements MapFunction<Long, Tuple2<Long, Long>> {

        @Override
        public Tuple2<Long, Long> map(Long value) {
            return Tuple2.of(ProcessHandle.current().pid(), value * value);
        }
    }
}
