package io.pricefeed.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FigureTest {
    private static final List<Long> ONE_TO_HUNDRED = LongStream.rangeClosed(1, 100).boxed().toList();

    @Test
    void aGoalIsMetWhenTheP99IsUnderItAndNothingIsMissing() {
        assertThat(Figure.withGoal("f", ONE_TO_HUNDRED, 0, 100).met()).isEqualTo("yes");
        assertThat(Figure.withGoal("f", ONE_TO_HUNDRED, 0, 99).met()).as("p99 = 99 is not under 99").isEqualTo("NO");
        assertThat(Figure.withGoal("f", ONE_TO_HUNDRED, 1, 100).met()).as("one missing").isEqualTo("NO");
        assertThat(Figure.withGoal("f", List.of(), 0, 100).met()).isEqualTo("no data");
        assertThat(Figure.noGoal("f", ONE_TO_HUNDRED, 3).met()).isEqualTo("-");
    }

    @Test
    void aRowLinesUpUnderTheHeader() {
        Figure f = Figure.withGoal("tick -> live bar in DynamoDB (<sym>#1m#live)", List.of(120L, 453L, 1_226L), 2, 1_500);

        assertThat(f.row()).isEqualTo("tick -> live bar in DynamoDB (<sym>#1m#live)       |      3 |       2 |      453 |"
                + "    1,226 |    1,226 | p99 < 1500 ms | NO");
        assertThat(Figure.HEADER).isEqualTo("figure                                             |      n | missing |   p50 ms |"
                + "   p99 ms |   max ms | goal          | met");
        assertThat(f.row().indexOf('|')).isEqualTo(Figure.HEADER.indexOf('|'));
        assertThat(f.row().lastIndexOf('|')).isEqualTo(Figure.HEADER.lastIndexOf('|'));
    }

    @Test
    void aFigureWithoutSamplesShowsDashes() {
        assertThat(Figure.noGoal("baseline: DynamoDB Local PutItem -> GetItem", List.of(), 0).row())
                .isEqualTo("baseline: DynamoDB Local PutItem -> GetItem        |      0 |       0 |        - |"
                        + "        - |        - | -             | -");
    }
}
