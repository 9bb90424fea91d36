package dev.kqlhunt.kql;

import java.util.List;

/** A tabular operator after a {@code |}. Each keeps the position of its name. */
public sealed interface TabularOperator {

    KqlPosition position();

    /**
     * {@code name = expression}, or a bare column in {@code project}; {@code text} is the
     * assignment as written, on one line.
     */
    record Assignment(String name, Expr expression, String text, KqlPosition position) {}

    /** A column name as written, with its position. */
    record ColumnName(String name, KqlPosition position) {}

    /** {@code where predicate}; {@code text} is the operator as written, on one line. */
    record Where(Expr predicate, String text, KqlPosition position) implements TabularOperator {}

    /** {@code extend name = expression, ...}. */
    record Extend(List<Assignment> assignments, KqlPosition position)
            implements TabularOperator {

        public Extend {
            assignments = List.copyOf(assignments);
        }
    }

    /** {@code project column, name = expression, ...}. */
    record Project(List<Assignment> assignments, KqlPosition position)
            implements TabularOperator {

        public Project {
            assignments = List.copyOf(assignments);
        }
    }

    /** {@code project-away column, ...}. */
    record ProjectAway(List<ColumnName> columns, KqlPosition position)
            implements TabularOperator {

        public ProjectAway {
            columns = List.copyOf(columns);
        }
    }

    /** {@code project-rename new = old, ...}. */
    record ProjectRename(List<Rename> renames, KqlPosition position) implements TabularOperator {

        public ProjectRename {
            renames = List.copyOf(renames);
        }
    }

    /** One {@code new = old} pair of a {@code project-rename}. */
    record Rename(ColumnName newName, ColumnName oldName) {}
}
