package dev.kqlhunt.output;

/** Makes untrusted text safe to print on a terminal. */
public final class Terminal {

    private Terminal() {}

    /**
     * Replaces control characters (C0, DEL, C1, and Unicode line and bidi controls) with a
     * visible {@code \\uXXXX} escape, so that text written by an attacker into an event cannot
     * move the cursor, recolour or rewrite the hunter's screen.
     */
    public static String safe(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(String.format("\\u%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean isControl(char c) {
        return c < 0x20
                || (c >= 0x7F && c <= 0x9F)
                || c == 0x2028
                || c == 0x2029
                || (c >= 0x200E && c <= 0x200F)
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069);
    }
}
