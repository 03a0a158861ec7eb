package org.warmline.sampledata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.warmline.ledger.CaseRecord;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.DataSet;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.Instants;
import org.warmline.ledger.LedgerColumns.Table;
import org.warmline.ledger.LedgerWriter;
import org.warmline.ledger.Post;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Topic;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.warmline.ledger.CaseColumn.ACCEPTED_BY;
import static org.warmline.ledger.CaseColumn.ADDRESS;
import static org.warmline.ledger.CaseColumn.CATEGORY;
import static org.warmline.ledger.CaseColumn.CHANNEL;
import static org.warmline.ledger.CaseColumn.CITIZEN_NAME;
import static org.warmline.ledger.CaseColumn.CITIZEN_PHONE;
import static org.warmline.ledger.CaseColumn.COMPLETED_AT;
import static org.warmline.ledger.CaseColumn.COMPLEX;
import static org.warmline.ledger.CaseColumn.CONTACTED_AT;
import static org.warmline.ledger.CaseColumn.DEMAND;
import static org.warmline.ledger.CaseColumn.DISPATCHED_AT;
import static org.warmline.ledger.CaseColumn.EVALUATED_AT;
import static org.warmline.ledger.CaseColumn.EVALUATION;
import static org.warmline.ledger.CaseColumn.EVALUATION_CHANNEL;
import static org.warmline.ledger.CaseColumn.EXPLAINED_AT;
import static org.warmline.ledger.CaseColumn.HANDLER;
import static org.warmline.ledger.CaseColumn.OCCURRED_AT;
import static org.warmline.ledger.CaseColumn.RECORDED_AT;
import static org.warmline.ledger.CaseColumn.REHANDLED_AT;
import static org.warmline.ledger.CaseColumn.REVIEWED_AT;
import static org.warmline.ledger.CaseColumn.SUBMITTED_AT;
import static org.warmline.ledger.CaseColumn.TOPIC;
import static org.warmline.ledger.CaseColumn.UNIT;
import static org.warmline.ledger.CaseColumn.UNSATISFIED_AT;

class DataSetGeneratorTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final long DAY = 86_400_000L;

    @TempDir
    Path dir;

    private static double share(List<CaseRecord> cases, Predicate<CaseRecord> p) {
        return cases.stream().filter(p).count() / (double) cases.size();
    }

    @Test
    void sameSeedGivesTheSameFilesByteForByteAndAnotherSeedDiffers() throws Exception {
        new DataSetGenerator(42, 2026, SHANGHAI).writeCsvFolder(3000, dir.resolve("a"));
        new DataSetGenerator(42, 2026, SHANGHAI).writeCsvFolder(3000, dir.resolve("b"));
        new DataSetGenerator(43, 2026, SHANGHAI).writeCsvFolder(3000, dir.resolve("c"));
        for (Table t : Table.values()) {
            assertThat(Files.readAllBytes(dir.resolve("a").resolve(t.fileName())))
                    .as(t.fileName()).isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(t.fileName())));
        }
        assertThat(Files.readAllBytes(dir.resolve("a/cases.csv")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("c/cases.csv")));
    }

    @Test
    void streamingAndInMemoryGiveTheSameData() throws Exception {
        DataSetGenerator g = new DataSetGenerator(7, 2026, SHANGHAI);
        g.writeCsvFolder(2000, dir.resolve("streamed"));
        new LedgerWriter(SHANGHAI).writeCsvFolder(g.generate(2000), dir.resolve("memory"));
        for (Table t : Table.values()) {
            assertThat(Files.readAllBytes(dir.resolve("streamed").resolve(t.fileName())))
                    .as(t.fileName()).isEqualTo(Files.readAllBytes(dir.resolve("memory").resolve(t.fileName())));
        }
        assertThat(g.generate(500)).isEqualTo(new DataSetGenerator(7, 2026, SHANGHAI).generate(500));
    }

    @Test
    void caseNumbersAreUniqueAndReferencesValid() {
        DataSet data = new DataSetGenerator(1, 2026, SHANGHAI).generate(20_000);
        assertThat(data.cases()).hasSize(20_000);
        Set<String> numbers = new HashSet<>();
        for (CaseRecord c : data.cases()) {
            assertThat(numbers.add(c.caseNo())).as(c.caseNo()).isTrue();
            assertThat(c.caseNo()).matches("C2026\\d{6,}");
        }
        Map<String, Unit> units = new HashMap<>();
        data.units().forEach(u -> assertThat(units.put(u.code(), u)).isNull());
        Map<String, Staff> staff = new HashMap<>();
        data.staff().forEach(s -> {
            assertThat(staff.put(s.code(), s)).isNull();
            assertThat(units).containsKey(s.unit()).doesNotContainKey(s.code());
        });
        assertThat(data.units().stream().filter(u -> u.kind() == UnitKind.HQ_SERVICE)).hasSize(1);
        assertThat(data.units().stream().filter(u -> u.kind() == UnitKind.BRANCH).count()).isBetween(2L, 6L);
        for (Unit u : data.units()) {
            if (u.parent() != null) {
                assertThat(units).containsKey(u.parent());
            }
        }
        for (CaseRecord c : data.cases()) {
            assertThat(c.at(SUBMITTED_AT)).isNotEqualTo(Instants.NONE);
            if (c.get(UNIT) != null) {
                assertThat(units).containsKey(c.get(UNIT));
            }
            if (c.get(HANDLER) != null) {
                assertThat(staff).containsKey(c.get(HANDLER));
                assertThat(staff.get(c.get(HANDLER)).post()).isEqualTo(Post.STEWARD);
            }
            if (c.get(ACCEPTED_BY) != null) {
                assertThat(staff.get(c.get(ACCEPTED_BY)).post()).isEqualTo(Post.AGENT);
            }
        }
        data.regulations().forEach(r -> assertThat(units).containsKey(r.unit()));
        data.trainings().forEach(t -> assertThat(units).containsKey(t.unit()));
        data.tasks().forEach(t -> assertThat(units).containsKey(t.unit()));
        data.outages().forEach(o -> assertThat(o.unit() == null || units.containsKey(o.unit())).isTrue());
        data.adjustments().forEach(a -> {
            assertThat(units).containsKey(a.subject());
            assertThat(units.get(a.subject()).kind()).isIn(UnitKind.BRANCH, UnitKind.STATION);
            assertThat(a.reason()).isNotBlank();
        });
        // staff scale with cases: about one steward per 2,000 cases
        assertThat(data.staff().stream().filter(s -> s.post() == Post.STEWARD).count()).isEqualTo(10);
    }

    @Test
    void proportionsAreRoughlyAsIntended() {
        List<CaseRecord> cases = new DataSetGenerator(5, 2026, SHANGHAI).generate(20_000).cases();
        assertThat(share(cases, c -> c.get(CATEGORY) == Category.COMPLAINT)).isBetween(0.40, 0.55);
        assertThat(share(cases, c -> c.get(CATEGORY) == Category.CONSULTATION)).isBetween(0.33, 0.45);
        assertThat(share(cases, c -> c.get(CATEGORY) == Category.SUGGESTION)).isBetween(0.07, 0.16);
        assertThat(share(cases, c -> c.is(COMPLEX))).isBetween(0.03, 0.08);
        assertThat(share(cases, c -> c.get(CHANNEL) == Channel.HOTLINE)).isBetween(0.42, 0.58);
        assertThat(share(cases, c -> Topic.TEMPERATURE.name().equals(c.get(TOPIC)))).isBetween(0.25, 0.45);
        // heating season heavier
        long winter = cases.stream().filter(c -> month(c) <= 3 || month(c) >= 11).count();
        assertThat(winter / (double) cases.size()).isGreaterThan(0.7);
        // late recording about 2 %
        assertThat(share(cases, c -> c.at(RECORDED_AT) != Instants.NONE && c.at(RECORDED_AT) - c.at(SUBMITTED_AT) > DAY))
                .isBetween(0.01, 0.03);
        // a missing required field about 2 %
        assertThat(share(cases, c -> c.get(CITIZEN_NAME) == null || c.get(CITIZEN_PHONE) == null || c.get(ADDRESS) == null
                || c.get(DEMAND) == null || c.at(OCCURRED_AT) == Instants.NONE || c.get(TOPIC) == null)).isBetween(0.01, 0.03);
        // inconsistent: completed before submitted or evaluated before completed, about 0.5 %
        assertThat(share(cases, c -> (c.at(COMPLETED_AT) != Instants.NONE && c.at(COMPLETED_AT) < c.at(SUBMITTED_AT))
                || (c.at(EVALUATED_AT) != Instants.NONE && c.at(COMPLETED_AT) != Instants.NONE
                && c.at(EVALUATED_AT) < c.at(COMPLETED_AT)))).isBetween(0.002, 0.01);
        // evaluations mostly satisfied, 70 / 30 phone / online, ~5 % ever unsatisfied
        List<CaseRecord> evaluated = cases.stream().filter(c -> c.get(EVALUATION) != null).toList();
        assertThat(evaluated.size() / (double) cases.size()).isGreaterThan(0.8);
        assertThat(share(evaluated, c -> c.get(EVALUATION) == EvaluationLevel.SATISFIED)).isGreaterThan(0.7);
        assertThat(share(evaluated, c -> c.get(EVALUATION_CHANNEL) == EvaluationChannel.PHONE)).isBetween(0.65, 0.8);
        assertThat(share(cases, c -> c.at(UNSATISFIED_AT) != Instants.NONE)).isBetween(0.03, 0.08);
        assertThat(cases).anyMatch(c -> c.at(UNSATISFIED_AT) != Instants.NONE && c.at(REVIEWED_AT) == Instants.NONE);
        assertThat(cases).anyMatch(c -> c.at(REVIEWED_AT) != Instants.NONE && c.at(REVIEWED_AT) - c.at(UNSATISFIED_AT) > DAY);
        assertThat(cases).anyMatch(c -> c.at(REHANDLED_AT) != Instants.NONE);
        assertThat(cases).anyMatch(c -> c.at(EXPLAINED_AT) != Instants.NONE);
        // answered on the spot, without a unit
        assertThat(share(cases, c -> c.get(UNIT) == null && c.at(COMPLETED_AT) != Instants.NONE)).isBetween(0.1, 0.25);
        // late acceptance and contact, contact never typed, open cases
        assertThat(share(cases, c -> c.at(DISPATCHED_AT) != Instants.NONE
                && c.at(DISPATCHED_AT) - c.at(SUBMITTED_AT) > 30 * 60_000L)).isBetween(0.02, 0.08);
        assertThat(share(cases, c -> c.at(CONTACTED_AT) != Instants.NONE
                && c.at(CONTACTED_AT) - c.at(DISPATCHED_AT) > 2 * 3_600_000L)).isBetween(0.03, 0.12);
        assertThat(cases).anyMatch(c -> c.at(DISPATCHED_AT) != Instants.NONE && c.at(CONTACTED_AT) == Instants.NONE
                && c.at(COMPLETED_AT) != Instants.NONE);
        assertThat(cases).anyMatch(c -> c.at(COMPLETED_AT) == Instants.NONE);
        // repeat complaints: same phone and topic within 30 days, about 3 % of complaints
        List<CaseRecord> complaints = cases.stream().filter(c -> c.get(CATEGORY) == Category.COMPLAINT).toList();
        Map<String, Long> last = new HashMap<>();
        int repeats = 0;
        for (CaseRecord c : complaints) {
            if (c.get(CITIZEN_PHONE) == null || c.get(TOPIC) == null) {
                continue;
            }
            String key = c.get(CITIZEN_PHONE).replaceAll("\\D", "").replaceFirst("^86(?=1\\d{10}$)", "") + "|" + c.get(TOPIC);
            Long before = last.put(key, c.at(SUBMITTED_AT));
            if (before != null && c.at(SUBMITTED_AT) - before <= 30 * DAY) {
                repeats++;
            }
        }
        assertThat(repeats / (double) complaints.size()).isBetween(0.015, 0.06);
    }

    @Test
    void smallConfigurationCoversOnlyItsMonths() {
        DataSet data = new DataSetGenerator(3, 2026, SHANGHAI).months(1, 3).branches(2, 2).generate(100);
        assertThat(data.units().stream().filter(u -> u.kind() == UnitKind.BRANCH)).hasSize(2);
        assertThat(data.cases()).allMatch(c -> month(c) >= 1 && month(c) <= 3);
        assertThat(data.trainings()).allMatch(t -> t.heldOn().getMonthValue() <= 3);
        assertThat(data.tasks()).allMatch(t -> t.dueDate().getMonthValue() <= 3);
        assertThat(data.adjustments()).allMatch(a -> a.period().compareTo("2026-04") < 0);
        assertThat(data.regulations()).isNotEmpty();
        assertThat(data.outages()).isNotEmpty();
    }

    private static int month(CaseRecord c) {
        return LocalDate.ofInstant(java.time.Instant.ofEpochMilli(c.at(SUBMITTED_AT)), SHANGHAI).getMonthValue();
    }
}
