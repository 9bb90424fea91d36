package dev.kqlhunt.stream;

import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

import java.nio.charset.StandardCharsets;

/**
 * JSON-lines file sinks for an endless stream. Lines go to hidden in-progress files, and each
 * completed checkpoint renames them to visible {@code part-*.jsonl} files, so a visible file is
 * never rewritten and holds each line once, also after a restore from a checkpoint.
 */
final class RollingJsonSink {

    private RollingJsonSink() {}

    static FileSink<String> into(java.nio.file.Path directory) {
        return FileSink.forRowFormat(
                        new Path(directory.toAbsolutePath().toUri()),
                        new SimpleStringEncoder<String>(StandardCharsets.UTF_8.name()))
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(
                        OutputFileConfig.builder()
                                .withPartPrefix("part")
                                .withPartSuffix(".jsonl")
                                .build())
                .build();
    }
}
