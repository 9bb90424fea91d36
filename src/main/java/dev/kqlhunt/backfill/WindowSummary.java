package dev.kqlhunt.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.kqlhunt.alerts.Alert;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.Schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code summary.json} of a written window: which rule version, query and tuning it
 * evaluated, whether its late-export days were in the archive, and what it counted. A window
 * counts as finished only when it was complete, and for the same rule id, version, query text and
 * applied tuning exclusions, so editing a rule or its active exclusions, or switching
 * {@code --no-tuning}, makes the next backfill evaluate its windows again.
 */
final class WindowSummary {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WindowSummary() {}

    static String render(
            Rule rule,
            RuleTuning tuning,
            Schedule.Window window,
            int filesRead,
            List<LocalDate> missingLateDays,
            WindowCounts counts)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("rule", rule.folder());
        root.put("ruleId", rule.id());
        root.put("ruleName", rule.name());
        root.put("ruleVersion", rule.version());
        root.put("querySha256", querySha256(rule));
        root.put("windowStart", window.start().toString());
        root.put("windowEnd", window.end().toString());
        root.put("complete", missingLateDays.isEmpty());
        if (!missingLateDays.isEmpty()) {
            ArrayNode days = root.putArray("missingLateDays");
            missingLateDays.forEach(day -> days.add(day.toString()));
        }
        root.put("filesRead", filesRead);
        root.put("rows", counts.rows());
        root.put("matches", counts.matches());
        root.put("alerts", counts.alerts());
        root.put("rejected", counts.rejected());
        if (tuning.isPresent()) {
            writeTuning(root, tuning, counts);
        }
        if (counts.alerts() > 0) {
            root.put("systemAlertId", Alert.systemAlertId(rule, window));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** Writes the {@code tuning} object in the layout of a hunt's {@code summary.json}. */
    private static void writeTuning(ObjectNode root, RuleTuning tuning, WindowCounts counts) {
        root.put("tuningSha256", tuning.sha256());
        ObjectNode node = root.putObject("tuning");
        node.put("file", tuning.file());
        node.put("excluded", counts.excludedTotal());
        ObjectNode excludedBy = node.putObject("excludedBy");
        counts.excluded().forEach(excludedBy::put);
        tuning.disabled().forEach(node.putArray("disabled")::add);
        tuning.expired().forEach(node.putArray("expired")::add);
    }

    /**
     * Returns whether {@code windowDirectory} contains a complete result of this rule's query with
     * the same applied exclusions. A summary without {@code tuningSha256} had none applied, and
     * one without {@code complete} was written before backfills checked late-export days.
     */
    static boolean isFinished(Path windowDirectory, Rule rule, RuleTuning tuning)
            throws IOException {
        Path file = windowDirectory.resolve(BackfillFolder.SUMMARY_FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        JsonNode summary = JSON.readTree(file.toFile());
        return summary.path("complete").asBoolean(true)
                && rule.id().equals(summary.path("ruleId").asText())
                && rule.version().equals(summary.path("ruleVersion").asText())
                && querySha256(rule).equals(summary.path("querySha256").asText())
                && tuning.sha256().equals(summary.path("tuningSha256").asText(""));
    }

    static String querySha256(Rule rule) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of()
                    .formatHex(digest.digest(rule.query().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
