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

    /**
     * as_of anywhere in the year (with a fraction of a second), so that many cases are open, unevaluated or under
     * review at as_of: seeds 31..60, the month of as_of, the month before it and its quarter.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("randomSeeds")
    void engineAgreesWithTheReferenceAtAnyAsOf(int seed) {
        int n = size(seed);
        DataSet data = new DataSetGenerator(seed, 2026, Differential.ZONE).generate(n);
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        long from = Differential.at("2026-01-01T00:00:00+08:00").toEpochMilli();
        long to = Differential.at("2027-01-01T00:00:00+08:00").toEpochMilli();
        List<String> diffs = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            Instant asOf = Instant.ofEpochMilli(r.nextLong(from, to));
            java.time.YearMonth month = java.time.YearMonth.from(asOf.atZone(Differential.ZONE));
            java.time.YearMonth before = month.minusMonths(1).getYear() == 2026 ? month.minusMonths(1) : month;
            String quarter = "2026-Q" + ((month.getMonthValue() - 1) / 3 + 1);
            for (String period : List.of(month.toString(), before.toString(), quarter)) {
                diffs.addAll(Differential.compare("seed=" + seed + " n=" + n, data, period, asOf));
            }
        }
        assertThat(diffs).as(() -> diffs.size() + " differences, first ones:\n"
                + String.join("\n", diffs.subList(0, Math.min(20, diffs.size())))).isEmpty();
    }

    static Stream<Integer> randomSeeds() {
        return IntStream.rangeClosed(31, 60).boxed();
    }

    @AfterAll
    static void report() {
        System.out.println("[DifferentialTest] runs=" + Differential.RUNS.get() + " values compared="
                + Differential.VALUES.get() + " item scores below max=" + Differential.BELOW_MAX.get()
                + "\n  reference rule lines: " + Differential.RULES);
    }
}
