package dev.kqlhunt.kql;

/**
 * A position in the query text.
 *
 * @param line the 0-based line within the query
 * @param column the 1-based column within that line
 */
public record KqlPosition(int line, int column) {}
