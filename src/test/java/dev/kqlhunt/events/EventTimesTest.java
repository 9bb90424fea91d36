package dev.kqlhunt.events;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTimesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2021-07-08T16:00:30.2100000Z   | 2021-07-08T16:00:30.210",
                "2021-07-08T16:00:30Z           | 2021-07-08T16:00:30",
                "2021-07-08T16:00Z              | 2021-07-08T16:00",
                "2021-07-08T16:00:30.1Z         | 2021-07-08T16:00:30.100",
                "2021-07-08T16:00:30.123456789Z | 2021-07-08T16:00:30.123456700",
                "2021-07-08T16:00:30.12345678Z  | 2021-07-08T16:00:30.123456700",
                "2021-07-08 16:00:30.5          | 2021-07-08T16:00:30.500",
                "2021-07-08t16:00:30z           | 2021-07-08T16:00:30",
                "2021-07-08T18:00:30+02:00      | 2021-07-08T16:00:30",
                "2021-07-08T18:00:30+0200       | 2021-07-08T16:00:30",
                "2021-07-08T01:00:30-05:30      | 2021-07-08T06:30:30",
                "2021-07-08T00:30:00+01:00      | 2021-07-07T23:30",
                "2021-07-08                     | 2021-07-08T00:00",
                "7/8/2021, 4:00:30.210 PM       | 2021-07-08T16:00:30.210",
                "12/31/2021, 12:00:00.000 AM    | 2021-12-31T00:00",
                "12/31/2021, 12:59:59.999 PM    | 2021-12-31T12:59:59.999",
                "1/2/2021, 11:05:07 am          | 2021-01-02T11:05:07",
                "9999-12-31T23:59:59.9999999Z   | 9999-12-31T23:59:59.999999900",
                "0001-01-01T00:00:00Z           | 0001-01-01T00:00",
            })
    void parsesToUtc(String text, String expected) {
        assertThat(EventTimes.parse(text)).isEqualTo(LocalDateTime.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "yesterday",
                "2021-13-01T00:00:00Z",
                "2021-02-30T00:00:00Z",
                "2021-07-08T24:00:00Z",
                "2021-07-08T16:00:60Z",
                "2021-07-08T16:00:30.Z",
                "2021-07-08T16:00:30.1234567890Z",
                "2021-07-08T16:00:30Zjunk",
                "2021-07-08T16:00:30+25:00",
                "21-07-08T16:00:30Z",
                "7/8/2021, 13:00:30.210 PM",
                "7/8/2021, 4:00:30.210",
                "7/8/2021 4:00:30.210 PM",
            })
    void rejectsInvalidText(String text) {
        assertThatThrownBy(() -> EventTimes.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "\""
                                + text
                                + "\" is not a valid datetime: expected ISO 8601 such as"
                                + " 2021-07-08T16:00:30.2100000Z or the portal form"
                                + " 7/8/2021, 4:00:30.210 PM");
    }

    @ParameterizedTest
    @CsvSource({"9999-12-31T23:30:00-01:00", "0001-01-01T00:30:00+01:00"})
    void rejectsOutsideKqlRange(String text) {
        assertThatThrownBy(() -> EventTimes.parse(text))
                .hasMessage("\"" + text + "\" is outside KQL's datetime range, years 0001 to 9999");
    }

    @org.junit.jupiter.api.Test
    void rejectsMissingAndEmpty() {
        assertThatThrownBy(() -> EventTimes.parse(null)).hasMessage("is missing");
        assertThatThrownBy(() -> EventTimes.parse("  ")).hasMessage("is empty");
    }
}
