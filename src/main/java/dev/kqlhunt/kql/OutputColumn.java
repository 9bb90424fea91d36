package dev.kqlhunt.kql;

/** A column of a query's result, with its KQL type. */
public record OutputColumn(String name, Type type) {}
