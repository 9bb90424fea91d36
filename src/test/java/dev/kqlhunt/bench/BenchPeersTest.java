package dev.kqlhunt.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchPeersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** About 2 MB, a fifth of it rule matches and look-alikes, in several hourly files. */
    private static final ArchiveGenerator.Options SMALL =
            new ArchiveGenerator.Options(2 << 20, 7, 0.2, 400);

    @TempDir Path temp;

    @Test
    void duckDbFindsEveryPlantedMatch() throws Exception {
        Path archive = temp.resolve("archive");
        ArchiveManifest manifest = ArchiveGenerator.generate(archive, SMALL, 2);
        Path out = temp.resolve("duckdb.jsonl");

        long matches = DuckDbPeer.run(archive, out);

        assertThat(manifest.matches()).isGreaterThan(100);
        assertThat(matches).isEqualTo(manifest.matches());
        assertThat(Files.readAllLines(out)).hasSize((int) manifest.matches());
    }

    @Test
    void duckDbWritesKqlColumnsAndHostNames() throws Exception {
        Path archive = temp.resolve("archive");
        ArchiveGenerator.generate(archive, SMALL, 2);
        Path out = temp.resolve("duckdb.jsonl");
        DuckDbPeer.run(archive, out);

        for (String line : Files.readAllLines(out)) {
            JsonNode row = JSON.readTree(line);
            assertThat(fieldNames(row)).isEqualTo(DuckDbPeer.outputColumns());
            String computer = row.get("Computer").asText();
            int dot = computer.indexOf('.');
            assertThat(row.get("HostName").asText())
                    .isEqualTo(dot < 0 ? computer : computer.substring(0, dot));
            assertThat(row.get("HostNameDomain").asText())
                    .isEqualTo(dot < 0 ? computer : computer.substring(dot + 1));
            assertThat(row.get("TimeGenerated").asText())
                    .matches("2021-03-01T\\d{2}:\\d{2}:\\d{2}\\.\\d{7}Z");
            assertThat(row.get("EventLevel").asInt()).isEqualTo(2);
            assertThat(row.get("_BilledSize").isNull()).isTrue();
        }
    }

    @Test
    void floorReadsEveryByteAndRow() throws Exception {
        Path archive = temp.resolve("archive");
        ArchiveManifest manifest = ArchiveGenerator.generate(archive, SMALL, 2);

        ByteScanFloor.Result result = ByteScanFloor.scan(archive, 2);

        assertThat(result.files()).isEqualTo(manifest.files());
        assertThat(result.bytes()).isEqualTo(manifest.bytes());
        assertThat(result.newlines()).isEqualTo(manifest.rows());
    }

    @Test
    void generatorRepeatsBytesForSeed() throws Exception {
        Path first = temp.resolve("first");
        Path second = temp.resolve("second");
        Path otherSeed = temp.resolve("other");
        ArchiveGenerator.generate(first, SMALL, 1);
        ArchiveGenerator.generate(second, SMALL, 3);
        ArchiveGenerator.generate(otherSeed,
                new ArchiveGenerator.Options(SMALL.targetBytes(), 8, 0.2, 400), 2);

        assertThat(contents(second)).isEqualTo(contents(first));
        assertThat(contents(otherSeed)).isNotEqualTo(contents(first));
    }

    @Test
    void generatorWritesExportLayout() throws Exception {
        Path archive = temp.resolve("archive");
        ArchiveManifest manifest = ArchiveGenerator.generate(archive, SMALL, 2);

        List<Path> files = ByteScanFloor.files(archive);

        assertThat(files).hasSize(manifest.files());
        assertThat(archive.relativize(files.get(0)).toString()).matches(
                "WorkspaceResourceId=/subscriptions/[0-9a-f-]{36}"
                        + "/resourcegroups/rg-sentinel-\\w+"
                        + "/providers/microsoft\\.operationalinsights"
                        + "/workspaces/law-sentinel-\\w+"
                        + "/y=2021/m=03/d=01/h=\\d{2}/m=00/PT1H\\.json");
        assertThat(manifest.bytes() / manifest.rows()).isBetween(1000L, 1800L);
    }

    @Test
    void newlineCountCoversEveryByte() {
        assertThat(ByteScanFloor.newlinesIn(0x0A0A0A0A0A0A0A0AL)).isEqualTo(8);
        assertThat(ByteScanFloor.newlinesIn(0L)).isZero();
        assertThat(ByteScanFloor.newlinesIn(0x8A0B090A00FF0A8AL)).isEqualTo(2);
        assertThat(ByteScanFloor.newlinesIn(0x0A00000000000000L)).isEqualTo(1);
    }

    private static List<String> fieldNames(JsonNode row) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = row.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static List<String> contents(Path archive) throws Exception {
        List<String> files = new ArrayList<>();
        for (Path file : ByteScanFloor.files(archive)) {
            files.add(archive.relativize(file) + "\n" + Files.readString(file));
        }
        return files;
    }
}
