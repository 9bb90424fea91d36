package dev.kqlhunt.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.HexFormat;

/**
 * The {@code summary.json} of a finished window: which rule version and query it evaluated and
 * what it counted. A window counts as finished only for the same rule id, version and query text,
 * so editing a rule makes the next backfill evaluate its windows again.
 */
final class WindowSummary {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WindowSummary() {}

    static String render(Rule rule, Schedule.Window window, int filesRead, WindowCounts counts)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("rule", rule.folder());
        root.put("ruleId", rule.id());
        root.put("ruleName", rule.name());
        root.put("ruleVersion", rule.version());
        root.put("querySha256", querySha256(rule));
        root.put("windowStart", window.start().toString());
        root.put("windowEnd", window.end().toString());
        root.put("filesRead", filesRead);
        root.put("rows", counts.rows());
        root.put("matches", counts.matches());
        root.put("alerts", counts.alerts());
        root.put("rejected", counts.rejected());
        if (counts.alerts() > 0) {
            root.put("systemAlertId", Alert.systemAlertId(rule, window));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** Returns whether {@code windowDirectory} holds a finished result of this rule's query. */
    static boolean isFinished(Path windowDirectory, Rule rule) throws IOException {
        Path file = windowDirectory.resolve(BackfillFolder.SUMMARY_FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        JsonNode summary = JSON.readTree(file.toFile());
        return rule.id().equals(summary.path("ruleId").asText())
                && rule.version().equals(summary.path("ruleVersion").asText())
                && querySha256(rule).equals(summary.path("querySha256").asText());
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
