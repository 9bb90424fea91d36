package dev.kqlhunt.hardening;

import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hunts events whose values are hostile to the outputs: control characters, terminal escape
 * sequences and path segments. Every output must stay valid JSON, the console must not pass
 * escape sequences through, and files must be written only inside {@code --out}.
 */
class OutputExposureTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path temp;

    @Test
    void controlCharactersEscapedInEveryOutput() throws IOException {
        StringBuilder hostile = new StringBuilder("EXCH");
        for (char c = 0; c < 0x20; c++) {
            hostile.append(c);
        }
        hostile.append('\u007f').append('\u0085').append('\u009f').append('\u2028').append('\u2029');
        hostile.append('\ud800').append('x').append('\udc00').append("😀.contoso.com");
        String computer = hostile.toString();
        String event = withComputer(computer);
        String rawBad = "\u0001\u001b[2J\u007f\u0085\u2028 not JSON";
        Path file = RuleCases.write(temp.resolve("events.jsonl"), event, rawBad, RuleCases.AFTER);

        HuntRun run = HuntRun.hunt(temp.resolve("out"), List.of(file));

        assertThat(run.status()).as(run.stderr()).isZero();
        List<Path> outputs = partFiles(run.out());
        assertThat(outputs).hasSize(3);
        for (Path output : outputs) {
            assertSafeJsonLines(output);
        }
        assertThat(run.matches()).hasSize(2);
        // Lone surrogates cannot be stored as UTF-8, so the parser reads them as U+FFFD.
        String stored = computer.replace("\ud800x\udc00", "\ufffdx\ufffd");
        assertThat(escapedJson(run.matches().get(0).path("Computer").asText()))
                .isEqualTo(escapedJson(stored));
        List<JsonNode> alerts = readAll(run.out().resolve("alerts"));
        assertThat(escapedJson(alerts.get(0).path("Entities").get(0).path("FullName").asText()))
                .isEqualTo(escapedJson(stored));
        assertThat(run.rejected()).hasSize(1);
        assertThat(escapedJson(run.rejected().get(0).path("rawStart").asText()))
                .isEqualTo(escapedJson(rawBad));
    }

    @Test
    void consoleNeutralisesEscapeSequencesInHostNames() throws IOException {
        String computer = "EXCH01\u001b[31m\u001b]0;owned\u0007\u009b2J.contoso.com";
        String event = withComputer(computer);
        Path file = RuleCases.write(temp.resolve("events.jsonl"), event, RuleCases.AFTER);

        HuntRun run = HuntRun.hunt(temp.resolve("out"), List.of(file));

        assertThat(run.status()).as(run.stderr()).isZero();
        assertThat(run.stdout()).doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(run.stdout()).doesNotContain("\u009b");
        assertThat(run.stdout())
                .contains("hosts: EXCH01\\u001B[31m\\u001B]0;owned\\u0007\\u009B2J.contoso.com");
        assertThat(run.matches().get(0).path("Computer").asText()).isEqualTo(computer);
    }

    @Test
    void outputsStayInsideOutFolderWithUmaskPermissions() throws IOException {
        String event =
                RuleCases.with(RuleCases.BEFORE, "Computer", "\"../../../etc/kql-hunt-escape\"");
        Path inputs = Files.createDirectories(temp.resolve("inputs"));
        Path file = RuleCases.write(inputs.resolve("events.jsonl"), event, "bad", RuleCases.AFTER);
        Path out = temp.resolve("hunt").resolve("out");

        HuntRun run = HuntRun.hunt(out, List.of(file));

        assertThat(run.status()).as(run.stderr()).isZero();
        assertThat(run.matches().get(0).path("Computer").asText())
                .isEqualTo("../../../etc/kql-hunt-escape");
        assertThat(Files.exists(Path.of("/etc/kql-hunt-escape"))).isFalse();
        List<String> written = new ArrayList<>();
        try (Stream<Path> all = Files.walk(temp)) {
            all.filter(Files::isRegularFile)
                    .filter(path -> !path.startsWith(inputs))
                    .forEach(path -> written.add(out.relativize(path).toString()));
        }
        assertThat(written)
                .allMatch(
                        name ->
                                name.equals("summary.json")
                                        || name.matches(
                                                "(matches/silk-typhoon-um-service-error|alerts"
                                                        + "|rejected)/part-[^/]+\\.jsonl"),
                        "an output of the hunt inside --out");
        assertThat(written).contains("summary.json");

        Set<PosixFilePermission> fileMode = umaskFileMode();
        Set<PosixFilePermission> folderMode = umaskFolderMode();
        try (Stream<Path> all = Files.walk(out)) {
            for (Path path : all.toList()) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
                assertThat(fileOrFolder(path, fileMode, folderMode))
                        .as("permissions of %s", out.relativize(path))
                        .containsAll(mode);
            }
        }
    }

    /**
     * Returns the first true positive with {@code computer} as its {@code Computer}, written
     * into the line's text so that no JSON library re-encodes it.
     */
    private static String withComputer(String computer) {
        String original = "\"Computer\":\"EXCH01.contoso.com\"";
        assertThat(RuleCases.BEFORE).contains(original);
        return RuleCases.BEFORE.replace(original, "\"Computer\":" + escapedJson(computer));
    }

    /**
     * Returns {@code text} as a JSON string with every character outside printable ASCII
     * escaped, so that lone surrogates reach the input file as escapes.
     */
    private static String escapedJson(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** Permissions of a file created now, which the process umask limits. */
    private Set<PosixFilePermission> umaskFileMode() throws IOException {
        Path probe = Files.createDirectories(temp.resolve("probe")).resolve("file");
        Files.write(probe, new byte[0]);
        return Files.getPosixFilePermissions(probe);
    }

    private Set<PosixFilePermission> umaskFolderMode() throws IOException {
        Path probe = Files.createDirectories(temp.resolve("probe").resolve("folder"));
        return Files.getPosixFilePermissions(probe);
    }

    private static Set<PosixFilePermission> fileOrFolder(
            Path path, Set<PosixFilePermission> file, Set<PosixFilePermission> folder) {
        return Files.isDirectory(path) ? folder : file;
    }

    /**
     * Asserts that {@code file} is valid UTF-8, contains no raw control character or line separator
     * other than the {@code \n} that ends each line, and that each line is one JSON object.
     */
    private static void assertSafeJsonLines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError(file + " is not valid UTF-8", e);
        }
        assertThat(text).as("%s", file).endsWith("\n");
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            assertThat(line)
                    .as("line of %s", file)
                    .doesNotContainPattern("[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029]");
            assertThat(JSON.readTree(line).isObject()).as("line of %s", file).isTrue();
        }
    }

    private static List<Path> partFiles(Path out) throws IOException {
        try (Stream<Path> all = Files.walk(out)) {
            return all.filter(path -> path.getFileName().toString().startsWith("part-")).toList();
        }
    }

    private static List<JsonNode> readAll(Path folder) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    nodes.add(JSON.readTree(line));
                }
            }
        }
        return nodes;
    }
}
