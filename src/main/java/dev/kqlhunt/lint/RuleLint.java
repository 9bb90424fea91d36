package dev.kqlhunt.lint;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import dev.kqlhunt.events.EventSchema;
import dev.kqlhunt.kql.KqlCompiler;
import dev.kqlhunt.kql.KqlException;
import dev.kqlhunt.kql.KqlParser;
import dev.kqlhunt.kql.KqlQuery;
import dev.kqlhunt.kql.KqlSource;
import dev.kqlhunt.kql.OutputColumn;
import dev.kqlhunt.kql.TabularOperator;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.RuleException;
import dev.kqlhunt.rule.RuleLoader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lints a rule file: the columns its query reads, predicates that are always true or false, what
 * the compiler does not support, and entity mappings to columns the query does not output.
 */
final class RuleLint {

    /**
     * The columns a rule outputs, as far as lint could tell.
     *
     * @param names the output column names, or null when the query did not parse
     * @param columns the compiled output columns with types, or null when it did not compile
     * @param facts the string tests that every result passes
     * @param expected the results of the rule's test cases, or null without them
     */
    record Outline(List<String> names, List<OutputColumn> columns, ColumnFacts facts,
            ExpectedMatches expected) {

        /** The outline of a rule that did not load or parse. */
        static final Outline UNKNOWN = new Outline(null, null, ColumnFacts.NONE, null);
    }

    private final List<Finding> findings;
    private List<LenientText.Problem> problems;

    RuleLint(List<Finding> findings) {
        this.findings = findings;
    }

    /** Lints {@code file} and returns what it outputs. */
    Outline lint(Path file) {
        Rule rule;
        try {
            rule = RuleLoader.load(file);
        } catch (RuleException e) {
            findings.add(Findings.fromMessage(LintCode.INVALID_FILE, file.toString(),
                    e.getMessage()));
            return Outline.UNKNOWN;
        }
        KqlSource source = rule.querySource();
        KqlQuery query;
        try {
            query = KqlParser.parse(source);
        } catch (KqlException e) {
            findings.add(Findings.fromException(LintCode.UNSUPPORTED_KQL, e));
            return Outline.UNKNOWN;
        }
        problems = new ArrayList<>();
        List<String> names = walk(query);
        Findings.addAll(findings, source, problems);

        List<OutputColumn> columns = null;
        try {
            columns = KqlCompiler.compile(source).columns();
        } catch (KqlException e) {
            boolean reported = findings.stream().anyMatch(finding ->
                    finding.line() == e.line() && finding.column() == e.column());
            if (!reported) {
                findings.add(Findings.fromException(LintCode.UNSUPPORTED_KQL, e));
            }
        }
        entityMappings(file, names);
        return new Outline(names, columns, RuleFacts.of(query, source),
                expected(file, columns));
    }

    /** Loads the rule's expected results, reporting a file that does not read as one. */
    private ExpectedMatches expected(Path file, List<OutputColumn> columns) {
        if (columns == null) {
            return null;
        }
        try {
            return ExpectedMatches.load(file, columns);
        } catch (IOException e) {
            String expected = file.resolveSibling(ExpectedMatches.PATH).toString();
            findings.add(Findings.fromMessage(LintCode.INVALID_FILE, expected, e.getMessage()));
            return null;
        }
    }

    /** Follows the columns through the operators and checks every column read. */
    private List<String> walk(KqlQuery query) {
        LinkedHashSet<String> scope = new LinkedHashSet<>();
        EventSchema.columns().forEach(column -> scope.add(column.name()));
        for (TabularOperator operator : query.operators()) {
            String scopeName = "the Event table or the columns the query computed before";
            ColumnCheck check = new ColumnCheck(List.copyOf(scope), scopeName, Map.of(), problems);
            if (operator instanceof TabularOperator.Where where) {
                check.check(where.predicate());
                PredicateLogic logic = new PredicateLogic(check::nameOf);
                logic.evaluate(where.predicate());
                problems.addAll(logic.problems());
            } else if (operator instanceof TabularOperator.Extend extend) {
                for (TabularOperator.Assignment assignment : extend.assignments()) {
                    check.check(assignment.expression());
                    scope.add(assignment.name());
                }
            } else if (operator instanceof TabularOperator.Project project) {
                LinkedHashSet<String> projected = new LinkedHashSet<>();
                for (TabularOperator.Assignment assignment : project.assignments()) {
                    check.check(assignment.expression());
                    projected.add(assignment.name());
                }
                scope.clear();
                scope.addAll(projected);
            } else if (operator instanceof TabularOperator.ProjectAway away) {
                for (TabularOperator.ColumnName column : away.columns()) {
                    check.checkName(column.name(), column.position());
                    scope.remove(column.name());
                }
            } else if (operator instanceof TabularOperator.ProjectRename rename) {
                for (TabularOperator.Rename pair : rename.renames()) {
                    String oldName = pair.oldName().name();
                    check.checkName(oldName, pair.oldName().position());
                    List<String> renamed = new ArrayList<>();
                    scope.forEach(name ->
                            renamed.add(name.equals(oldName) ? pair.newName().name() : name));
                    scope.clear();
                    scope.addAll(renamed);
                }
            }
        }
        return List.copyOf(scope);
    }

    /** Reports each entity mapping {@code columnName} that the query does not output. */
    private void entityMappings(Path file, List<String> outputs) {
        String name = file.toString();
        MappingNode root = RuleLoader.compose(RuleLoader.read(file, name), name);
        Optional<Node> mappings = value(root, "entityMappings");
        if (mappings.isEmpty() || !(mappings.get() instanceof SequenceNode entities)) {
            return;
        }
        for (Node entity : entities.getValue()) {
            Optional<Node> fields = value(entity, "fieldMappings");
            if (fields.isEmpty() || !(fields.get() instanceof SequenceNode fieldList)) {
                continue;
            }
            for (Node field : fieldList.getValue()) {
                value(field, "columnName")
                        .filter(node -> node instanceof ScalarNode)
                        .ifPresent(node -> checkMapping(name, (ScalarNode) node, outputs));
            }
        }
    }

    private void checkMapping(String file, ScalarNode node, List<String> outputs) {
        String column = node.getValue();
        if (outputs.contains(column)) {
            return;
        }
        String message = "entity mapping names column '" + column + "', which the query does not"
                + " output; it outputs " + outputs;
        Optional<String> closest = ColumnNames.closest(column, outputs);
        if (closest.isPresent()) {
            message = message + "; did you mean '" + closest.get() + "'?";
        }
        findings.add(new Finding(LintCode.ENTITY_COLUMN_MISSING, file,
                node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1, column,
                message));
    }

    private static Optional<Node> value(Node node, String key) {
        if (!(node instanceof MappingNode mapping)) {
            return Optional.empty();
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                return Optional.of(tuple.getValueNode());
            }
        }
        return Optional.empty();
    }
}
