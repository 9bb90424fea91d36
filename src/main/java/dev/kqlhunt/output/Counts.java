package dev.kqlhunt.output;

/** Counts in console text: "1 result", "2 results". */
public final class Counts {

    private Counts() {}

    /** Returns {@code count} followed by {@code singular} when it is 1, else by {@code plural}. */
    public static String of(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }

    /** Returns {@code count} followed by {@code noun}, with an "s" added unless it is 1. */
    public static String of(long count, String noun) {
        return of(count, noun, noun + "s");
    }
}
