package dev.kqlhunt.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Class path of the JobManager, TaskManager and CLI of a {@link StandaloneFlinkCluster}: the test
 * class path without this project's own classes and without the libraries bundled in the job
 * jar. Flink, flink-runtime-web and Log4j stay, as in a Flink distribution's {@code lib/}. A job
 * jar that misses a library therefore fails on this cluster as it would on a real one.
 */
public final class StandaloneFlinkClusterClassPath {

    /** Set by Surefire and Failsafe, whose forked JVM has only a launcher jar on its class path. */
    private static final String SUREFIRE_CLASS_PATH = "surefire.test.class.path";

    private StandaloneFlinkClusterClassPath() {}

    /**
     * Returns the test class path without entries under {@code buildDirectory} (our classes, test
     * classes and jars) and without every jar whose classes are all in {@code jobJar}.
     */
    public static List<Path> withoutProjectAndBundled(Path buildDirectory, Path jobJar)
            throws IOException {
        Set<String> bundledClasses = classEntries(jobJar);
        Path build = buildDirectory.toAbsolutePath().normalize();

        List<Path> classPath = new ArrayList<>();
        for (Path entry : testClassPath()) {
            Path absolute = entry.toAbsolutePath().normalize();
            if (absolute.startsWith(build)) {
                continue;
            }
            if (Files.isRegularFile(absolute) && isBundled(absolute, bundledClasses)) {
                continue;
            }
            classPath.add(absolute);
        }
        return classPath;
    }

    private static List<Path> testClassPath() {
        String value =
                System.getProperty(SUREFIRE_CLASS_PATH, System.getProperty("java.class.path"));
        return Arrays.stream(value.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(Path::of)
                .toList();
    }

    private static boolean isBundled(Path jar, Set<String> bundledClasses) throws IOException {
        Set<String> classes = classEntries(jar);
        return !classes.isEmpty() && bundledClasses.containsAll(classes);
    }

    /**
     * Returns the class files of a jar, without {@code module-info.class} and without the
     * Java-version-specific classes under {@code META-INF/versions}, which many jars share.
     */
    private static Set<String> classEntries(Path jar) throws IOException {
        Set<String> classes = new HashSet<>();
        try (JarFile jarFile = new JarFile(jar.toFile(), false)) {
            jarFile.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.endsWith(".class"))
                    .filter(name -> !name.startsWith("META-INF/"))
                    .filter(name -> !name.endsWith("module-info.class"))
                    .forEach(classes::add);
        }
        return classes;
    }
}
