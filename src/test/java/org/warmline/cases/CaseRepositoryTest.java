package org.warmline.cases;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The case repository on H2 and PostgreSQL. */
class CaseRepositoryTest {

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(DeskFixture.SHANGHAI).toInstant();
    }

    private static Case newCase(Category category, String name, String phone, String address, Instant submitted) {
        return Case.submitted(new CaseIntake(Channel.HOTLINE, category, false, "室温不达标", name, phone, address,
                "室温低", submitted.minusSeconds(3600), submitted, null), submitted.plusSeconds(60), null, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void insertAssignsIdAndNumberAndReadsBackEveryField(String db, Supplier<DataSource> database) {
        DeskFixture f = new DeskFixture(database.get());
        Case c = newCase(Category.COMPLAINT, "王女士", "+86 138-0000-1111", "幸福小区3-2-501",
                at("2026-01-12T23:30:00.250"));
        f.repository.insert(c);
        assertThat(c.id()).isNotNull();
        assertThat(c.caseNo()).isEqualTo("W20260112-" + String.format("%06d", c.id().value()));
        assertThat(c.version()).isZero();
        assertThat(c.topic()).isEqualTo("TEMPERATURE");

        c.dispatch("A01", at("2026-01-12T23:40"), "T1", "S01");
        f.repository.update(c);
        assertThat(c.version()).isEqualTo(1);

        Case read = f.repository.findById(c.id()).orElseThrow();
        assertThat(read.toRecord()).isEqualTo(c.toRecord());
        assertThat(read.state()).isEqualTo(CaseState.DISPATCHED);
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.submittedAt()).isEqualTo(at("2026-01-12T23:30:00.250"));
        assertThat(f.repository.findByCaseNo(c.caseNo()).orElseThrow().id()).isEqualTo(c.id());
        assertThat(f.repository.findById(new CaseId(999_999))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void aStaleVersionIsRefusedWithCaseChanged(String db, Supplier<DataSource> database) {
        DeskFixture f = new DeskFixture(database.get());
        Case c = f.repository.insert(newCase(Category.COMPLAINT, "王女士", "13800001111", "幸福小区",
                at("2026-01-12T09:00")));
        Case first = f.repository.findById(c.id()).orElseThrow();
        Case second = f.repository.findById(c.id()).orElseThrow();
        first.accept("A01", at("2026-01-12T09:05"));
        second.withdraw("A02", at("2026-01-12T09:05"), "重复登记");
        f.repository.update(first);
        assertThatThrownBy(() -> f.repository.update(second)).isInstanceOf(CaseChanged.class)
                .hasMessageContaining(c.caseNo());
        assertThat(f.repository.findById(c.id()).orElseThrow().state()).isEqualTo(CaseState.ACCEPTED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void historyIsAppendedAndReadInOrder(String db, Supplier<DataSource> database) {
        DeskFixture f = new DeskFixture(database.get());
        Case c = f.repository.insert(newCase(Category.COMPLAINT, "王女士", "13800001111", "幸福小区",
                at("2026-01-12T09:00")));
        c.drainHistory();
        c.accept("A01", at("2026-01-12T09:05"));
        c.dispatch("A01", at("2026-01-12T09:10"), "T1", null);
        f.repository.update(c);
        f.repository.appendHistory(c.drainHistory());
        List<HistoryEntry> history = f.repository.history(c.id());
        assertThat(history).extracting(HistoryEntry::action, HistoryEntry::field, HistoryEntry::before,
                        HistoryEntry::after)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ACCEPT", "accepted_at", null,
                                at("2026-01-12T09:05").toString()),
                        org.assertj.core.groups.Tuple.tuple("ACCEPT", "accepted_by", null, "A01"),
                        org.assertj.core.groups.Tuple.tuple("ACCEPT", "state", "SUBMITTED", "ACCEPTED"),
                        org.assertj.core.groups.Tuple.tuple("DISPATCH", "dispatched_at", null,
                                at("2026-01-12T09:10").toString()),
                        org.assertj.core.groups.Tuple.tuple("DISPATCH", "unit", null, "T1"),
                        org.assertj.core.groups.Tuple.tuple("DISPATCH", "state", "ACCEPTED", "DISPATCHED"));
        assertThat(history).allSatisfy(h -> assertThat(h.caseId()).isEqualTo(c.id()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void searchFiltersSortsByNearestDeadlineAndPages(String db, Supplier<DataSource> database) {
        DeskFixture f = new DeskFixture(database.get());
        // a consultation (4 h) submitted later is due before a complaint (24 h) submitted earlier
        Case complaint = f.repository.insert(newCase(Category.COMPLAINT, "王女士", "13800001111", "幸福小区3-2-501",
                at("2026-01-12T08:00")));
        Case consultation = f.repository.insert(newCase(Category.CONSULTATION, "Li Lei", "13900002222",
                "和平路100_号", at("2026-01-12T09:00")));
        Case suggestion = f.repository.insert(newCase(Category.SUGGESTION, "赵先生", "13700003333", "幸福小区5-1-101",
                at("2026-01-12T07:00")));
        Case closed = newCase(Category.CONSULTATION, "钱女士", "0086 138 0000 1111", "光明街", at("2026-01-11T10:00"));
        closed.answerOnTheSpot("A01", at("2026-01-11T10:05"), "已答复");
        f.repository.insert(closed);
        complaint.dispatch("A01", at("2026-01-12T08:10"), "T1", "S01");
        f.repository.update(complaint);
        suggestion.dispatch("A01", at("2026-01-12T07:10"), "T2", "S02");
        f.repository.update(suggestion);

        // nearest running deadlines: complaint contact 10:10, consultation acceptance 09:30, suggestion contact 09:10
        CasePage all = f.repository.search(CaseQuery.all());
        assertThat(all.total()).isEqualTo(4);
        assertThat(all.cases()).extracting(Case::id).containsExactly(suggestion.id(), consultation.id(),
                complaint.id(), closed.id());

        CasePage page = f.repository.search(CaseQuery.all().page(2, 1));
        assertThat(page.total()).isEqualTo(4);
        assertThat(page.cases()).extracting(Case::id).containsExactly(consultation.id(), complaint.id());

        assertThat(f.repository.search(CaseQuery.all().withStates(EnumSet.of(CaseState.DISPATCHED))).cases())
                .extracting(Case::id).containsExactly(suggestion.id(), complaint.id());
        assertThat(f.repository.search(CaseQuery.all().withUnits(Set.of("T1", "B1"))).cases())
                .extracting(Case::id).containsExactly(complaint.id());
        assertThat(f.repository.search(CaseQuery.all().withHandler("S02")).cases())
                .extracting(Case::id).containsExactly(suggestion.id());
        assertThat(f.repository.search(CaseQuery.all().withPhone("138 0000 1111")).cases())
                .extracting(Case::id).containsExactly(complaint.id(), closed.id());
        assertThat(f.repository.search(CaseQuery.all().withText("幸福小区")).total()).isEqualTo(2);
        assertThat(f.repository.search(CaseQuery.all().withText("li lei")).cases())
                .extracting(Case::id).containsExactly(consultation.id());
        assertThat(f.repository.search(CaseQuery.all().withText("100_")).total()).isEqualTo(1);
        assertThat(f.repository.search(CaseQuery.all().withText("%")).total()).isZero();
        assertThat(f.repository.search(CaseQuery.all().withText(closed.caseNo().substring(1, 9))).total())
                .isEqualTo(1);
        assertThat(f.repository.search(CaseQuery.all().submitted(at("2026-01-12T07:00"), at("2026-01-12T09:00")))
                .cases()).extracting(Case::id).containsExactly(suggestion.id(), complaint.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void idempotencyKeysAreUnique(String db, Supplier<DataSource> database) {
        DeskFixture f = new DeskFixture(database.get());
        Instant t = at("2026-01-12T09:00");
        CaseIntake intake = new CaseIntake(Channel.WECHAT, Category.COMPLAINT, false, "LEAK", "王女士", "13800001111",
                "幸福小区", "漏水", null, t, null);
        Case c = f.repository.insert(Case.submitted(intake, t, null, "wx-123"));
        assertThat(f.repository.findByIdempotencyKey("wx-123").orElseThrow().id()).isEqualTo(c.id());
        assertThat(f.repository.findByIdempotencyKey("wx-999")).isEmpty();
        assertThatThrownBy(() -> f.repository.insert(Case.submitted(intake, t, null, "wx-123")))
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
    }
}
