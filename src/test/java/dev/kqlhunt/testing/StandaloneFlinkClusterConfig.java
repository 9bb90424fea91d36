package dev.kqlhunt.testing;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration directory of a {@link StandaloneFlinkCluster}: the project's {@code config.yaml}
 * with every listener on 127.0.0.1, free ports, and temporary, checkpoint and upload directories
 * under the cluster's work directory.
 *
 * <p>The written {@code config.yaml} uses flat keys ({@code rest.port: 40123}), which Flink 2.x
 * reads like the nested form. Comments of the template are not copied.
 */
final class StandaloneFlinkClusterConfig {

    static final String LOOPBACK = "127.0.0.1";
    static final String CLUSTER_LOG_CONFIG = "log4j2.properties";
    static final String CLI_LOG_CONFIG = "log4j-cli.properties";

    private static final String JAVA_OPTIONS_KEY = "env.java.opts.all";

    private final Path configDir;
    private final Path pluginsDir;
    private final Map<String, Object> options;

    private StandaloneFlinkClusterConfig(
            Path configDir, Path pluginsDir, Map<String, Object> options) {
        this.configDir = configDir;
        this.pluginsDir = pluginsDir;
        this.options = options;
    }

    /**
     * Writes {@code workDir/conf} from the {@code config.yaml}, {@code log4j2.properties} and
     * {@code log4j-cli.properties} in {@code templateDir}, and creates {@code workDir/plugins}.
     */
    static StandaloneFlinkClusterConfig write(Path templateDir, Path workDir) throws IOException {
        Map<String, Object> options = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(templateDir.resolve("config.yaml"))) {
            Map<String, Object> nested = new Yaml().load(reader);
            flatten("", nested, options);
        }
        options.putAll(testOverrides(workDir));

        Path configDir = Files.createDirectories(workDir.resolve("conf"));
        DumperOptions dumperOptions = new DumperOptions();
        dumperOptions.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dumperOptions.setWidth(Integer.MAX_VALUE);
        try (Writer writer = Files.newBufferedWriter(configDir.resolve("config.yaml"))) {
            new Yaml(dumperOptions).dump(options, writer);
        }
        for (String logConfig : List.of(CLUSTER_LOG_CONFIG, CLI_LOG_CONFIG)) {
            Files.copy(
                    templateDir.resolve(logConfig),
                    configDir.resolve(logConfig),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Path pluginsDir = Files.createDirectories(workDir.resolve("plugins"));
        return new StandaloneFlinkClusterConfig(configDir, pluginsDir, options);
    }

    Path configDir() {
        return configDir;
    }

    /** Returns the plugins directory, empty unless a test copies a file system plugin in. */
    Path pluginsDir() {
        return pluginsDir;
    }

    Path logConfig(String fileName) {
        return configDir.resolve(fileName);
    }

    int restPort() {
        return Integer.parseInt(String.valueOf(options.get("rest.port")));
    }

    /** Returns the JVM options that Flink's start scripts pass to every Flink process. */
    List<String> javaOptions() {
        Object value = options.get(JAVA_OPTIONS_KEY);
        if (value == null || String.valueOf(value).isBlank()) {
            return List.of();
        }
        return Arrays.asList(String.valueOf(value).trim().split("\\s+"));
    }

    private static Map<String, Object> testOverrides(Path workDir) throws IOException {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("jobmanager.bind-host", LOOPBACK);
        overrides.put("jobmanager.rpc.address", LOOPBACK);
        overrides.put("jobmanager.rpc.port", freePort());
        overrides.put("taskmanager.bind-host", LOOPBACK);
        overrides.put("taskmanager.host", LOOPBACK);
        overrides.put("rest.address", LOOPBACK);
        overrides.put("rest.bind-address", LOOPBACK);
        overrides.put("rest.port", freePort());
        overrides.put("io.tmp.dirs", directory(workDir, "tmp").toString());
        overrides.put("web.tmpdir", directory(workDir, "web").toString());
        overrides.put("web.upload.dir", directory(workDir, "upload").toString());
        overrides.put(
                "execution.checkpointing.dir",
                directory(workDir, "checkpoints").toUri().toString());
        overrides.put(
                "execution.checkpointing.savepoint-dir",
                directory(workDir, "savepoints").toUri().toString());
        return overrides;
    }

    private static Path directory(Path workDir, String name) throws IOException {
        return Files.createDirectories(workDir.resolve(name)).toAbsolutePath();
    }

    /**
     * Returns a port that was free on 127.0.0.1 a moment ago. Another process may take it before
     * the cluster binds it. The cluster then fails to start and logs the bind error.
     */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    @SuppressWarnings("unchecked")
    private static void flatten(
            String prefix, Map<String, Object> nested, Map<String, Object> out) {
        for (Map.Entry<String, Object> entry : nested.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof Map) {
                flatten(key + ".", (Map<String, Object>) entry.getValue(), out);
            } else {
                out.put(key, entry.getValue());
            }
        }
    }
}
