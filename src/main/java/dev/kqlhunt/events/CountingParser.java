package dev.kqlhunt.events;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.types.Row;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.Map;

/**
 * The parse step of {@link ParseEvents} and {@link ParseTimedEvents}: applies the prefilter,
 * parses the other records and counts each record read once, as {@link ParseEvents} describes.
 */
final class CountingParser implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Receives what one record parses into. */
    interface Output extends EventParser.Output {

        /**
         * Receives the latest valid {@code TimeGenerated} of a record that the prefilter skipped,
         * when times are read and the record has one.
         */
        void skippedTime(LocalDateTime time);
    }

    private final EventParser parser = new EventParser();
    private final LinePrefilter prefilter;
    private final boolean readSkippedTimes;
    private transient LongCounter read;
    private transient LongCounter evaluated;
    private transient LongCounter rejected;
    private transient LongCounter rows;
    private transient LongCounter skipped;
    private transient Map<RejectionCategory, LongCounter> rejectedByCategory;

    /**
     * @param prefilter rules out records before parsing, or null to parse every record
     * @param readSkippedTimes whether to read the {@code TimeGenerated} of skipped records
     */
    CountingParser(LinePrefilter prefilter, boolean readSkippedTimes) {
        this.prefilter = prefilter;
        this.readSkippedTimes = readSkippedTimes;
    }

    /** Registers the counters as accumulators of {@code context}. */
    void open(RuntimeContext context) {
        read = counter(context, ParseEvents.RECORDS_READ);
        evaluated = counter(context, ParseEvents.RECORDS_EVALUATED);
        rejected = counter(context, ParseEvents.RECORDS_REJECTED);
        rows = counter(context, ParseEvents.ROWS);
        skipped = counter(context, ParseEvents.RECORDS_SKIPPED);
        rejectedByCategory = new EnumMap<>(RejectionCategory.class);
        for (RejectionCategory category : RejectionCategory.values()) {
            rejectedByCategory.put(category, counter(context, ParseEvents.rejectedIn(category)));
        }
    }

    private static LongCounter counter(RuntimeContext context, String name) {
        LongCounter counter = new LongCounter();
        context.addAccumulator(name, counter);
        return counter;
    }

    /** Parses or skips {@code raw}, sends what it gives to {@code out} and counts it. */
    void process(RawRecord raw, Output out) {
        if (prefilter != null && !raw.isFailure() && !prefilter.mayMatch(raw.text())) {
            EventParser.SyntaxCheck check = parser.checkSyntax(raw, readSkippedTimes);
            read.add(check.records());
            if (check.rejection() == null) {
                skipped.add(check.records());
                if (check.latestTime() != null) {
                    out.skippedTime(check.latestTime());
                }
            } else {
                rejected.add(1);
                rejectedByCategory.get(check.rejection().category()).add(1);
                out.rejection(check.rejection());
            }
            return;
        }
        long[] produced = {0, 0};
        parser.parse(
                raw,
                new EventParser.Output() {
                    @Override
                    public void row(Row row) {
                        produced[0]++;
                        out.row(row);
                    }

                    @Override
                    public void rejection(Rejection rejection) {
                        produced[1]++;
                        rejectedByCategory.get(rejection.category()).add(1);
                        out.rejection(rejection);
                    }
                });
        // An Event Hubs envelope contains one record per element, and an empty one is one record.
        long records = Math.max(1, produced[0] + produced[1]);
        read.add(records);
        rows.add(produced[0]);
        rejected.add(produced[1]);
        evaluated.add(records - produced[1]);
    }
}
