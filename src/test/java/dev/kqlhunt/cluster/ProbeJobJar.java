package dev.kqlhunt.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Packages a test-source job class and its nested classes into a jar for {@code flink run}. */
final class ProbeJobJar {

    private ProbeJobJar() {}

    /**
     * Writes a jar with {@code mainClass}, every nested class of it and a manifest naming it as
     * Main-Class. The classes come from the test classes directory.
     */
    static Path write(Class<?> mainClass, Path jar) throws IOException, URISyntaxException {
        Path classesDir =
                Path.of(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
        String packagePath = mainClass.getPackageName().replace('.', '/');
        Path packageDir = classesDir.resolve(packagePath);
        String prefix = mainClass.getSimpleName();

        List<Path> classFiles;
        try (Stream<Path> files = Files.list(packageDir)) {
            classFiles =
                    files.filter(file -> isClassOf(file.getFileName().toString(), prefix))
                            .sorted()
                            .toList();
        }

        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass.getName());
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            for (Path classFile : classFiles) {
                jarOut.putNextEntry(new JarEntry(packagePath + "/" + classFile.getFileName()));
                Files.copy(classFile, jarOut);
                jarOut.closeEntry();
            }
        }
        return jar;
    }

    private static boolean isClassOf(String fileName, String simpleName) {
        return fileName.equals(simpleName + ".class")
                || (fileName.startsWith(simpleName + "$") && fileName.endsWith(".class"));
    }
}
