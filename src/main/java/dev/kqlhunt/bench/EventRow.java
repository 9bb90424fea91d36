package dev.kqlhunt.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One row being generated: a value per export column, the JSON escapes to use for it, and the key
 * order. A column with no value is left out of the written object.
 */
final class EventRow {

    private static final int COLUMNS = ExportColumn.ALL.length;

    private final String[] text = new String[COLUMNS];
    private final long[] number = new long[COLUMNS];
    private final boolean[] present = new boolean[COLUMNS];
    private final int[] escapes = new int[COLUMNS];
    private final int[] order = new int[COLUMNS];
    private boolean shuffled;

    void reset() {
        Arrays.fill(text, null);
        Arrays.fill(present, false);
        Arrays.fill(escapes, JsonBuffer.PLAIN);
        shuffled = false;
    }

    void set(ExportColumn column, String value) {
        text[column.ordinal()] = value;
        present[column.ordinal()] = true;
    }

    void set(ExportColumn column, long value) {
        number[column.ordinal()] = value;
        present[column.ordinal()] = true;
    }

    String get(ExportColumn column) {
        return text[column.ordinal()];
    }

    void remove(ExportColumn column) {
        present[column.ordinal()] = false;
    }

    void escape(ExportColumn column, int mode) {
        escapes[column.ordinal()] = mode;
    }

    void escapeAll(int mode) {
        Arrays.fill(escapes, mode);
    }

    /** Writes the keys in a random order instead of the export's order. */
    void shuffle(SplittableRandom random) {
        for (int i = 0; i < COLUMNS; i++) {
            order[i] = i;
        }
        for (int i = COLUMNS - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        shuffled = true;
    }

    /** Appends the row as one JSON object and a newline. */
    void writeTo(JsonBuffer out) {
        out.rawByte((byte) '{');
        boolean first = true;
        for (int i = 0; i < COLUMNS; i++) {
            int c = shuffled ? order[i] : i;
            if (!present[c]) {
                continue;
            }
            if (!first) {
                out.rawByte((byte) ',');
            }
            first = false;
            ExportColumn column = ExportColumn.ALL[c];
            out.raw(column.prefix);
            if (column.numeric) {
                out.number(number[c]);
            } else {
                out.string(text[c], escapes[c]);
            }
        }
        out.rawByte((byte) '}');
        out.rawByte((byte) '\n');
    }
}
