package dev.kqlhunt.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HuntSummaryTest {

    @Test
    void hostListShowsFiveHosts() {
        List<String> seven = List.of("h1", "h2", "h3", "h4", "h5", "h6", "h7");

        assertThat(HuntSummary.hostList(List.of())).isEqualTo("-");
        assertThat(HuntSummary.hostList(seven.subList(0, 5))).isEqualTo("h1, h2, h3, h4, h5");
        assertThat(HuntSummary.hostList(seven)).isEqualTo("h1, h2, h3, h4, h5 and 2 more");
    }
}
