package dev.kqlhunt.backfill;

/**
 * What one window's evaluation counted.
 *
 * @param rows {@code Event} rows whose {@code TimeGenerated} lies in the window
 * @param matches rows the rule's query returned
 * @param alerts alerts raised: 0 or 1
 * @param rejected lines of the window's own files that were not valid records
 */
record WindowCounts(long rows, long matches, long alerts, long rejected) {}
