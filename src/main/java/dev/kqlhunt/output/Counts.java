package dev.kqlhunt.output;

/** Counts in console text: "1 result", "2 results". */
public final class Counts {

    private Counts() {}

    /** Returns {@code count} followed by {@code one} when it is 1 and by {@code many} otherwise. */
    public static String of(long count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }

    /** Returns {@code count} followed by {@code noun}, with an "s" added unless it is 1. */
    public static String of(long count, String noun) {
        return of(count, noun, noun + "s");
    }
}
