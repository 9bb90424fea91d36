package dev.kqlhunt.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MatchComparisonTest {

    @Test
    void keyOrderAndNumberFormIgnored() throws Exception {
        MatchComparison.Result result = MatchComparison.compare(
                List.of("{\"a\":\"x\",\"n\":2,\"d\":null}"),
                List.of("{\"d\":null,\"n\":2.0,\"a\":\"x\"}"));

        assertThat(result.equal()).isTrue();
        assertThat(result.left()).isEqualTo(1);
        assertThat(result.right()).isEqualTo(1);
    }

    @Test
    void differingValueReportedOnBothSides() throws Exception {
        MatchComparison.Result result = MatchComparison.compare(
                List.of("{\"HostName\":\"exch01\"}"), List.of("{\"HostName\":\"EXCH01\"}"));

        assertThat(result.equal()).isFalse();
        assertThat(result.onlyLeftCount()).isEqualTo(1);
        assertThat(result.onlyRightCount()).isEqualTo(1);
        assertThat(result.onlyLeft()).containsExactly("{\"HostName\":\"exch01\"}");
        assertThat(result.onlyRight()).containsExactly("{\"HostName\":\"EXCH01\"}");
    }

    @Test
    void duplicateRowsCountedAsMultiset() throws Exception {
        MatchComparison.Result result = MatchComparison.compare(
                List.of("{\"a\":1}", "{\"a\":1}"), List.of("{\"a\":1}"));

        assertThat(result.equal()).isFalse();
        assertThat(result.onlyLeftCount()).isEqualTo(1);
        assertThat(result.onlyRightCount()).isZero();
    }

    @Test
    void missingKeyDiffersFromNull() throws Exception {
        MatchComparison.Result result =
                MatchComparison.compare(List.of("{\"a\":1,\"b\":null}"), List.of("{\"a\":1}"));

        assertThat(result.equal()).isFalse();
    }
}
