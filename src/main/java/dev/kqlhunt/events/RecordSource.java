package dev.kqlhunt.events;

import java.io.Closeable;

/** The records of one open export file, read in order. */
interface RecordSource extends Closeable {

    /**
     * Returns the next record, or null after the last one. A read error becomes one failure
     * record, after which the source ends.
     */
    RawRecord next();

    /** Number of blank lines skipped so far. */
    long blankLines();
}
