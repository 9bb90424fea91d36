package dev.kqlhunt.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@link ArchiveGenerator} wrote: its inputs and the counts a peer's output is checked
 * against. It is stored beside the archive, as {@code <archive>.manifest.json}, so that no reader
 * of the archive folder takes it for events.
 *
 * @param format generator output format; a change of the rows written changes this number
 * @param matches rows the Silk Typhoon UM service error rule returns
 * @param kinds rows written per {@link EventKind}, by name
 */
public record ArchiveManifest(
        int format,
        long seed,
        long targetBytes,
        double trapShare,
        int rowsPerFile,
        int files,
        long rows,
        long bytes,
        long matches,
        Map<String, Long> kinds) {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Returns where the manifest of the archive at {@code root} is stored. */
    public static Path pathFor(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".manifest.json");
    }

    public void write(Path root) throws IOException {
        JSON.writeValue(pathFor(root).toFile(), this);
    }

    /** Reads the manifest of the archive at {@code root}, or returns null when it has none. */
    public static ArchiveManifest readIfPresent(Path root) throws IOException {
        Path file = pathFor(root);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        return JSON.readValue(file.toFile(), ArchiveManifest.class);
    }
}
