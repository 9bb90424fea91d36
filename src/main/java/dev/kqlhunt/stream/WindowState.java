package dev.kqlhunt.stream;

import dev.kqlhunt.alerts.AlertAccumulator;

/** The state of one schedule window of one rule, kept in {@link WindowAlerts}. */
public class WindowState {

    public AlertAccumulator accumulator = new AlertAccumulator();

    /** Whether the watermark has passed the window's end and its first evaluation ran. */
    public boolean closed;

    /** Alerts emitted for this window so far; the next alert's revision number. */
    public int alertsEmitted;

    public WindowState() {}
}
