package dev.kqlhunt.stream;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import dev.kqlhunt.alerts.AlertAggregate;
import dev.kqlhunt.alerts.AlertInput;
import dev.kqlhunt.alerts.AlertTrigger;
import dev.kqlhunt.output.KqlTime;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.Schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rule's schedule windows in event time, closed by the watermark, with late results amending
 * the alert of their window instead of being dropped.
 *
 * <p>A window closes when the watermark passes its last millisecond, as a Flink event-time window
 * does: its trigger is then applied and an alert with revision 0 is emitted when it fires. Its
 * state is kept for the late retention after that. A result that arrives for a closed window is
 * added to it, counted as late, and re-evaluates the trigger: when it fires, an alert with the
 * next revision is emitted, counting every result of the window so far.
 *
 * <p>Flink does not checkpoint watermarks: after a restore, the operator's watermark starts again
 * at {@link Long#MIN_VALUE} and stays there until every source subtask has sent one or gone idle.
 * So the highest watermark seen is kept in keyed state, and windows are closed or open by the
 * higher of that and the current watermark. A result for a window that closed before a restore
 * then amends its alert as it would have without the restore, instead of joining the closed
 * window's state without re-evaluating it.
 *
 * <p>NOTE: the kept watermark is updated only when a result or a timer arrives. After a restore,
 * a window that closed without state since the last update counts as open. A result for it then
 * raises the window's first alert once the watermark passes its end again, but is not counted as
 * late.
 *
 * <p>NOTE: a result that arrives after its window's state was removed (later than the window's
 * end plus the late retention, in event time) is still written to the matches but amends no
 * alert: it is counted under {@link WatchCounters#LATE_RESULTS_EXPIRED} and logged.
 */
final class WindowAlerts extends KeyedProcessFunction<String, AlertInput, AlertRevision> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WindowAlerts.class);

    private final Rule rule;
    private final long retentionMillis;
    private final AlertAggregate aggregate = new AlertAggregate();

    private transient MapState<Long, WindowState> windows;
    private transient ValueState<Long> highestWatermark;
    private transient LongCounter alertCount;
    private transient LongCounter lateCount;
    private transient LongCounter expiredCount;
    private transient Counter lateMetric;

    WindowAlerts(Rule rule, Duration lateRetention) {
        this.rule = rule;
        this.retentionMillis = lateRetention.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        windows =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "windows",
                                        Types.LONG,
                                        TypeInformation.of(WindowState.class)));
        highestWatermark =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("highest-watermark", Types.LONG));
        alertCount = accumulator(WatchCounters.ALERTS);
        lateCount = accumulator(WatchCounters.LATE_RESULTS);
        expiredCount = accumulator(WatchCounters.LATE_RESULTS_EXPIRED);
        lateMetric = getRuntimeContext().getMetricGroup().counter("lateResults");
    }

    private LongCounter accumulator(String name) {
        LongCounter counter = new LongCounter();
        getRuntimeContext().addAccumulator(name, counter);
        return counter;
    }

    @Override
    public void processElement(AlertInput input, Context context, Collector<AlertRevision> out)
            throws Exception {
        long watermark = watermark(context.timerService());
        boolean late = false;
        for (Schedule.Window window :
                rule.schedule().windowsOf(KqlTime.toEpochMillis(input.ticks))) {
            long lastMillis = window.endMillis() - 1;
            WindowState state = windows.get(window.startMillis());
            if (lastMillis > watermark) {
                if (state == null) {
                    state = new WindowState();
                    context.timerService().registerEventTimeTimer(lastMillis);
                }
                aggregate.add(input, state.accumulator);
                windows.put(window.startMillis(), state);
            } else if (!input.tick) {
                late = true;
                amend(input, window, state, watermark, context, out);
            }
        }
        if (late) {
            lateCount.add(1);
            lateMetric.inc();
        }
    }

    /**
     * Returns the higher of the current watermark and the highest one kept in state, and keeps
     * the current one when it is higher.
     */
    private long watermark(TimerService timers) throws Exception {
        long current = timers.currentWatermark();
        Long kept = highestWatermark.value();
        if (kept != null && kept >= current) {
            return kept;
        }
        if (current > Long.MIN_VALUE) {
            highestWatermark.update(current);
        }
        return current;
    }

    private void amend(
            AlertInput input,
            Schedule.Window window,
            WindowState existing,
            long watermark,
            Context context,
            Collector<AlertRevision> out)
            throws Exception {
        long removeAt = window.endMillis() - 1 + retentionMillis;
        if (removeAt <= watermark) {
            expiredCount.add(1);
            long expired = expiredCount.getLocalValue();
            if (expired == 1 || expired % 1000 == 0) {
                LOG.warn(
                        "Rule {}: {} late result(s) so far arrived after their window's state was"
                                + " removed (latest: window {} to {}); they are in the matches"
                                + " but amend no alert. Raise --late-retention to keep windows"
                                + " longer.",
                        rule.name(),
                        expired,
                        window.start(),
                        window.end());
            }
            return;
        }
        WindowState state = existing;
        if (state == null) {
            // The window closed without results, so it never had state.
            state = new WindowState();
            state.closed = true;
            context.timerService().registerEventTimeTimer(removeAt);
        }
        aggregate.add(input, state.accumulator);
        emit(window, state, out);
        windows.put(window.startMillis(), state);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<AlertRevision> out)
            throws Exception {
        watermark(context.timerService());
        List<Map.Entry<Long, WindowState>> entries = new ArrayList<>();
        windows.entries().forEach(entries::add);
        for (Map.Entry<Long, WindowState> entry : entries) {
            long start = entry.getKey();
            WindowState state = entry.getValue();
            long lastMillis = start + rule.schedule().periodMillis() - 1;
            if (!state.closed && lastMillis <= timestamp) {
                state.closed = true;
                emit(new Schedule.Window(start, lastMillis + 1), state, out);
                if (retentionMillis > 0) {
                    windows.put(start, state);
                    context.timerService().registerEventTimeTimer(lastMillis + retentionMillis);
                } else {
                    windows.remove(start);
                }
            } else if (state.closed && lastMillis + retentionMillis <= timestamp) {
                windows.remove(start);
            }
        }
    }

    private void emit(Schedule.Window window, WindowState state, Collector<AlertRevision> out) {
        AlertTrigger.toAlert(rule, window, state.accumulator)
                .ifPresent(
                        alert -> {
                            out.collect(new AlertRevision(alert, state.alertsEmitted));
                            state.alertsEmitted++;
                            alertCount.add(1);
                        });
    }
}
