package dev.kqlhunt.kql;

import java.util.List;

/** A KQL scalar expression. Each node keeps the position of the construct it stands for. */
public sealed interface Expr {

    KqlPosition position();

    /** A reference to a column by name. */
    record Column(String name, KqlPosition position) implements Expr {}

    /** A string literal, already decoded. */
    record StringLiteral(String value, KqlPosition position) implements Expr {}

    /** An integer literal: {@code long} in KQL. */
    record LongLiteral(long value, KqlPosition position) implements Expr {}

    /** A real literal, as written. */
    record RealLiteral(String text, KqlPosition position) implements Expr {}

    /** {@code true} or {@code false}. */
    record BoolLiteral(boolean value, KqlPosition position) implements Expr {}

    /** {@code -operand}. */
    record Negate(Expr operand, KqlPosition position) implements Expr {}

    /**
     * A binary operator as written in KQL, for example {@code ==}, {@code !contains},
     * {@code and} or {@code +}; the position is the operator's.
     */
    record Binary(String operator, Expr left, Expr right, KqlPosition position) implements Expr {}

    /** {@code left in (values)} and its variants {@code !in}, {@code in~}, {@code !in~}. */
    record In(String operator, Expr left, List<Expr> values, KqlPosition position)
            implements Expr {

        public In {
            values = List.copyOf(values);
        }
    }

    /** A function call such as {@code tostring(x)}; the position is the function name's. */
    record Call(String function, List<Expr> arguments, KqlPosition position) implements Expr {

        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code target[index]}. */
    record Index(Expr target, Expr index, KqlPosition position) implements Expr {}
}
