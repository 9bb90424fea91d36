package dev.kqlhunt.rule;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleTest {

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void dailyScheduleUsesUtcCalendarDays() {
        Schedule daily = new Schedule(Duration.ofDays(1), Duration.ofDays(1));

        assertThat(daily.windowsOf(millis("2021-03-02T23:59:59.999Z")))
                .containsExactly(
                        new Schedule.Window(
                                millis("2021-03-02T00:00:00Z"), millis("2021-03-03T00:00:00Z")));
        assertThat(daily.windowsOf(millis("2021-03-03T00:00:00Z")))
                .containsExactly(
                        new Schedule.Window(
                                millis("2021-03-03T00:00:00Z"), millis("2021-03-04T00:00:00Z")));
    }

    @Test
    void longerPeriodGivesOverlappingWindows() {
        Schedule hopping = new Schedule(Duration.ofHours(1), Duration.ofHours(3));

        assertThat(hopping.windowsOf(millis("2021-03-02T10:30:00Z")))
                .containsExactly(
                        new Schedule.Window(
                                millis("2021-03-02T08:00:00Z"), millis("2021-03-02T11:00:00Z")),
                        new Schedule.Window(
                                millis("2021-03-02T09:00:00Z"), millis("2021-03-02T12:00:00Z")),
                        new Schedule.Window(
                                millis("2021-03-02T10:00:00Z"), millis("2021-03-02T13:00:00Z")));
    }

    @Test
    void triggerOperatorsCompareCounts() {
        assertThat(TriggerOperator.GT.fires(1, 0)).isTrue();
        assertThat(TriggerOperator.GT.fires(0, 0)).isFalse();
        assertThat(TriggerOperator.LT.fires(0, 1)).isTrue();
        assertThat(TriggerOperator.EQ.fires(3, 3)).isTrue();
        assertThat(TriggerOperator.NE.fires(3, 3)).isFalse();
        assertThat(TriggerOperator.LT.firesOnEmptyWindow(1)).isTrue();
        assertThat(TriggerOperator.GT.firesOnEmptyWindow(0)).isFalse();
        assertThat(TriggerOperator.parse("GreaterThan")).isEqualTo(TriggerOperator.GT);
    }
}
