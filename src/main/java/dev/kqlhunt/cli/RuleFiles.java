package dev.kqlhunt.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds rule files: {@code rule.yaml} in each folder under {@code jobs/}, or the paths given. */
final class RuleFiles {

    static final String RULE_FILE = "rule.yaml";

    private RuleFiles() {}

    /** Returns the project folder: {@code kqlhunt.home} when the launcher sets it, else ".". */
    static Path home() {
        return Path.of(System.getProperty("kqlhunt.home", "."));
    }

    static Path defaultJobs() {
        return home().resolve("jobs");
    }

    /** Returns the bundled archives: the built export archive and the real portal export. */
    static List<Path> defaultEvents() {
        Path data = home().resolve("test-data");
        return List.of(data.resolve("archive"), data.resolve("real-event-export"));
    }

    /**
     * Resolves each path to rule files: a file is taken as is, a folder holding {@code rule.yaml}
     * gives that file, and any other folder gives the {@code rule.yaml} of each sub-folder.
     */
    static List<Path> resolve(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths.isEmpty() ? List.of(defaultJobs()) : paths) {
            if (Files.isRegularFile(path)) {
                files.add(path);
            } else if (Files.isRegularFile(path.resolve(RULE_FILE))) {
                files.add(path.resolve(RULE_FILE));
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> children = Files.list(path)) {
                    children.map(child -> child.resolve(RULE_FILE))
                            .filter(Files::isRegularFile)
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot list rule folder " + path, e);
                }
            } else {
                throw new IllegalArgumentException("rule file or folder not found: " + path);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(
                    "no " + RULE_FILE + " found under " + paths + "; pass --rule PATH");
        }
        return files;
    }
}
