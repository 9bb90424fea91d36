package dev.kqlhunt.job;

import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;

import java.nio.charset.StandardCharsets;

/** File sinks that write one JSON object per line into {@code part-*.jsonl} files. */
public final class JsonFileSink {

    private JsonFileSink() {}

    public static FileSink<String> into(java.nio.file.Path directory) {
        return FileSink.forRowFormat(
                        new Path(directory.toAbsolutePath().toUri()),
                        new SimpleStringEncoder<String>(StandardCharsets.UTF_8.name()))
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withOutputFileConfig(
                        OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".jsonl")
                                .build())
                .build();
    }
}
