package dev.kqlhunt.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EventFeedTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sameSeedGivesSameRecords() {
        EventFeed first = new EventFeed(3, 0.2);
        EventFeed second = new EventFeed(3, 0.2);

        for (int i = 0; i < 2000; i++) {
            EventFeed.Record a = first.next();
            EventFeed.Record b = second.next();
            assertThat(a.value()).isEqualTo(b.value());
            assertThat(a.matches()).isEqualTo(b.matches());
        }
    }

    @Test
    void recordsAreJsonWithDistinctTimes() throws Exception {
        EventFeed feed = new EventFeed(1, 0.2);
        Set<Instant> times = new HashSet<>();
        int matches = 0;

        for (int i = 0; i < 5000; i++) {
            EventFeed.Record record = feed.next();
            JsonNode row = JSON.readTree(record.value());
            Instant time = Instant.parse(row.path("TimeGenerated").asText());
            assertThat(times.add(time)).as("TimeGenerated %s is unique", time).isTrue();
            if (record.matches()) {
                matches++;
                assertThat(record.timeGenerated()).isEqualTo(time);
            } else {
                assertThat(record.timeGenerated()).isNull();
            }
            assertThat(record.value()[record.value().length - 1]).isEqualTo((byte) '}');
        }

        // About 40 % of the traps, a fifth of the records here, are matches.
        assertThat(matches).isBetween(250, 550);
        assertThat(feed.count()).isEqualTo(5000);
    }

    @Test
    void hourChangesAfterRowsPerHour() throws Exception {
        EventFeed feed = new EventFeed(1, 0, 1000);
        String firstHour = null;
        String lastHour = null;

        for (int i = 0; i <= 1000; i++) {
            byte[] value = feed.next().value();
            if (i == 0 || i == 1000) {
                String time = JSON.readTree(value).path("TimeGenerated").asText();
                if (i == 0) {
                    firstHour = time.substring(0, 13);
                } else {
                    lastHour = time.substring(0, 13);
                }
            }
        }

        assertThat(firstHour).isEqualTo("2021-03-01T00");
        assertThat(lastHour).isEqualTo("2021-03-01T01");
    }
}
