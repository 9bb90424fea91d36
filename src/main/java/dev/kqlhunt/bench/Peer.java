package dev.kqlhunt.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One contender of the benchmark: its command template, run as a subprocess in
 * {@code directory} once per round.
 *
 * <p>{@code {events}} and {@code {out}} in the template's words are replaced by the archive and
 * by the round's output path.
 */
record Peer(String name, List<String> template, Path directory) {

    /** Creates a peer whose command line is {@code template} split at whitespace. */
    static Peer of(String name, String template, Path directory) {
        return new Peer(name, List.of(template.trim().split("\\s+")), directory);
    }

    List<String> command(Path events, Path out) {
        List<String> words = new ArrayList<>();
        for (String word : template) {
            words.add(word.replace("{events}", events.toString()).replace("{out}", out.toString()));
        }
        return words;
    }

    /**
     * Returns why the program cannot be started, or empty when it can: a path must name an
     * executable file, resolved against {@code directory}, and a bare name must be on the PATH.
     */
    Optional<String> missingProgram() {
        String program = template.get(0);
        if (program.contains("/")) {
            Path path = directory.resolve(program);
            return Files.isExecutable(path)
                    ? Optional.empty()
                    : Optional.of(path.normalize() + " not found or not executable");
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        boolean found = Arrays.stream(pathVariable.split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
        return found ? Optional.empty() : Optional.of(program + " not found on the PATH");
    }

    /** Creates a peer that runs {@code mainClass} in a fresh JVM with this JVM's class path. */
    static Peer javaMain(String name, Class<?> mainClass, List<String> arguments) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> template = new ArrayList<>(
                List.of(java, "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        template.addAll(arguments);
        return new Peer(name, List.copyOf(template), Path.of("").toAbsolutePath());
    }
}
