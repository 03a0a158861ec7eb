package org.warmline.assessment;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.DataSet;
import org.warmline.sampledata.DataSetGenerator;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import org.warmline.ledger.CaseColumn;

/**
 * Properties of the engine over generated ledgers, each seed a case (seeded, so a failure is reproducible by its
 * seed): scores stay within bounds, the order of rows never matters, and making a late case on time never lowers a
 * score.
 */
class EngineProperties {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Scheme SCHEME = SchemeLoader.defaultScheme();
    private static final int SEEDS = 12;

    private static AssessmentEngine engine() {
        return new AssessmentEngine(SCHEME, WorkingCalendar.shipped(ZONE), Locale.SIMPLIFIED_CHINESE);
    }

    private static DataSet generated(long seed) {
        return new DataSetGenerator(seed, 2026, ZONE).generate(150 + (int) (seed * 37 % 400));
    }

    private static Instant asOf(long seed) {
        // sometimes inside the year (open cases, quarters not yet ended), sometimes after it
        return seed % 3 == 0 ? Instant.parse("2026-08-15T04:00:00Z") : Instant.parse("2027-01-15T00:00:00Z");
    }

    private static String json(AssessmentResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultJson.write(result, out, false);
        return out.toString(StandardCharsets.UTF_8);
    }

    @TestFactory
    Stream<DynamicTest> everyItemStaysWithinZeroAndMaxPlusBonusCap() {
        return IntStream.rangeClosed(1, SEEDS).mapToObj(seed -> dynamicTest("seed " + seed, () -> {
            DataSet data = generated(seed);
            for (String label : List.of("2026-01", "2026-Q3", "2026")) {
                AssessmentResult result = engine().assess(data, Period.parse(label, 1), asOf(seed));
                assertThat(result.subjects()).hasSize(data.units().size() + data.staff().size());
                for (SubjectResult subject : result.subjects()) {
                    BigDecimal ceiling = BigDecimal.ZERO;
                    for (ItemResult item : subject.items().values()) {
                        assertThat(item.score()).as(subject.code() + " " + item.item())
                                .isBetween(BigDecimal.ZERO, item.max().add(item.cap()));
                        assertThat(item.score().scale()).isLessThanOrEqualTo(2);
                        ceiling = ceiling.add(item.max()).add(item.cap());
                    }
                    BigDecimal maxTotal = subject.kind().isPerson() || subject.items().size() < 13
                            ? ceiling.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(72), 2, java.math.RoundingMode.HALF_UP)
                            : ceiling;
                    assertThat(subject.total()).isBetween(BigDecimal.ZERO, maxTotal);
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> theOrderOfRowsNeverMatters() {
        return IntStream.rangeClosed(1, SEEDS).mapToObj(seed -> dynamicTest("seed " + seed, () -> {
            DataSet data = generated(seed);
            Random random = new Random(seed);
            DataSet shuffled = new DataSet(shuffle(data.units(), random), shuffle(data.staff(), random),
                    shuffle(data.cases(), random), shuffle(data.regulations(), random),
                    shuffle(data.trainings(), random), shuffle(data.outages(), random), shuffle(data.tasks(), random),
                    shuffle(data.adjustments(), random));
            for (String label : List.of("2026-02", "2026")) {
                Period period = Period.parse(label, 1);
                assertThat(json(engine().assess(shuffled, period, asOf(seed))))
                        .isEqualTo(json(engine().assess(data, period, asOf(seed))));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> makingOneLateCaseOnTimeNeverLowersItsSubjectsScores() {
        return IntStream.rangeClosed(1, SEEDS).mapToObj(seed -> dynamicTest("seed " + seed, () -> {
            DataSet data = generated(seed);
            Period year = Period.parse("2026", 1);
            AssessmentResult before = engine().assess(data, year, asOf(seed));
            List<String> lateCases = before.subjects().stream()
                    .flatMap(s -> s.items().get(ItemCode.HANDLING_TIMELINESS).deductions().stream())
                    .map(Entry::ref).distinct().sorted().toList();
            assertThat(lateCases).as("the generator makes some late cases").isNotEmpty();
            String caseNo = lateCases.get(new Random(seed).nextInt(lateCases.size()));
            List<CaseRecord> cases = new ArrayList<>();
            for (CaseRecord c : data.cases()) {
                cases.add(c.caseNo().equals(caseNo) ? onTime(c) : c);
            }
            DataSet fixed = new DataSet(data.units(), data.staff(), cases, data.regulations(), data.trainings(),
                    data.outages(), data.tasks(), data.adjustments());
            AssessmentResult after = engine().assess(fixed, year, asOf(seed));
            for (int i = 0; i < before.subjects().size(); i++) {
                SubjectResult was = before.subjects().get(i);
                SubjectResult now = after.subjects().get(i);
                assertThat(now.code()).isEqualTo(was.code());
                assertThat(now.total()).as(was.code() + " total after " + caseNo + " made on time")
                        .isGreaterThanOrEqualTo(was.total());
                assertThat(now.items().get(ItemCode.HANDLING_TIMELINESS).score())
                        .isGreaterThanOrEqualTo(was.items().get(ItemCode.HANDLING_TIMELINESS).score());
            }
        }));
    }

    /** The case with its solution given at submission: no deadline can be missed. */
    private static CaseRecord onTime(CaseRecord c) {
        return c.toBuilder().at(CaseColumn.SOLUTION_AT, c.at(CaseColumn.SUBMITTED_AT)).build();
    }

    private static <T> List<T> shuffle(List<T> list, Random random) {
        List<T> copy = new ArrayList<>(list);
        Collections.shuffle(copy, random);
        return copy;
    }
}
