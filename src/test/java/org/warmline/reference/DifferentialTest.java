package org.warmline.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.warmline.ledger.DataSet;
import org.warmline.sampledata.DataSetGenerator;

/**
 * Differential test: the engine against the independent {@link ReferenceAssessment} on generated data sets
 * (seeds 1..30, 100..600 cases), four periods (a heating-season month, a summer month, a quarter, the year) and three
 * as_of instants each. Every item score, total, grade and (for the year) annual figure must agree.
 */
class DifferentialTest {

    static final String[] AS_OF = {"2026-08-15T12:00:00+08:00", "2026-03-31T23:59:59+08:00",
        "2027-01-15T00:00:00+08:00"};
    static final String[] HEATING_MONTHS = {"2026-01", "2026-02", "2026-11", "2026-12"};
    static final String[] SUMMER_MONTHS = {"2026-06", "2026-07", "2026-08"};

    static Stream<Integer> seeds() {
        return IntStream.rangeClosed(1, 30).boxed();
    }

    static int size(int seed) {
        return 100 + (seed * 173) % 501;
    }

    static List<String> periods(int seed) {
        return List.of(HEATING_MONTHS[seed % HEATING_MONTHS.length], SUMMER_MONTHS[seed % SUMMER_MONTHS.length],
                "2026-Q" + (1 + seed % 4), "2026");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void engineAgreesWithTheReferenceOnGeneratedData(int seed) {
        int n = size(seed);
        DataSet data = new DataSetGenerator(seed, 2026, Differential.ZONE).generate(n);
        List<String> diffs = new ArrayList<>();
        for (String period : periods(seed)) {
            for (String asOf : AS_OF) {
                Instant instant = Differential.at(asOf);
                diffs.addAll(Differential.compare("seed=" + seed + " n=" + n, data, period, instant));
            }
        }
        assertThat(diffs).as(() -> diffs.size() + " differences, first ones:\n"
                + String.join("\n", diffs.subList(0, Math.min(20, diffs.size())))).isEmpty();
    }

    @AfterAll
    static void report() {
        System.out.println("[DifferentialTest] runs=" + Differential.RUNS.get() + " values compared="
                + Differential.VALUES.get() + " item scores below max=" + Differential.BELOW_MAX.get()
                + "\n  reference rule lines: " + Differential.RULES);
    }
}
