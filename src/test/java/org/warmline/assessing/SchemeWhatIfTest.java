package org.warmline.assessing;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.warmline.administration.SchemeVersions;
import org.warmline.administration.Schemes;
import org.warmline.assessment.AssessmentEngine;
import org.warmline.assessment.AssessmentResult;
import org.warmline.assessment.Entry;
import org.warmline.assessment.ItemResult;
import org.warmline.assessment.SubjectResult;
import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.LedgerReader;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The what-if of a scheme version on the example ledger stored in H2 and in PostgreSQL: the result "before" is the
 * live assessment's (the example's expected JSON, byte for byte), the result "after" is what {@code warmline assess
 * --scheme} gives on the ledger files with the other version, and the differences listed account exactly for every
 * change of the items' deduction and bonus sums; items and subjects not listed are unchanged.
 */
class SchemeWhatIfTest {

    private static final Instant AS_OF = Instant.parse("2026-04-15T00:00:00+08:00");

    /** Stores an uploaded, not activated version as the administration page does. */
    static void upload(DataSource ds, String version, byte[] yaml) {
        JdbcClient.create(ds).sql("insert into scheme_version (version, content, active_from, uploaded_at, "
                        + "uploaded_by) values (?, ?, null, ?, ?)")
                .params(version, new String(yaml, StandardCharsets.UTF_8),
                        Instant.parse("2026-04-01T00:00:00Z").atOffset(ZoneOffset.UTC), "root").update();
    }

    private static Scheme scheme(byte[] yaml, String name) {
        return SchemeLoader.read(new ByteArrayInputStream(yaml), name, false);
    }

    /** What {@code warmline assess --data examples/ledger --scheme FILE} gives. */
    private static AssessmentResult command(Scheme scheme, Period period) {
        var data = new LedgerReader(scheme, Locale.SIMPLIFIED_CHINESE).read(Path.of("examples/ledger")).data();
        return new AssessmentEngine(scheme, WorkingCalendar.shipped(java.time.ZoneId.of(scheme.zone())),
                Locale.SIMPLIFIED_CHINESE).assess(data, period, AS_OF);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void aStricterAndALooserVersionAreComparedWithTheVersionInForce(String name, Supplier<DataSource> database)
            throws Exception {
        DataSource ds = database.get();
        LiveAssessmentStoresTest.load(ds, LiveAssessmentStoresTest.example());
        byte[] strict = Schemes.version("strict-2027", "PT10M");
        byte[] loose = Schemes.version("loose-2027", "PT2H");
        upload(ds, "strict-2027", strict);
        upload(ds, "loose-2027", loose);
        LiveAssessment live = LiveAssessmentStoresTest.live(ds);
        SchemeWhatIf whatIf = new SchemeWhatIf(live, SchemeVersions.of(JdbcClient.create(ds)));

        for (String p : List.of("2026-01", "2026-Q1")) {
            Period period = live.period(p);
            SchemeWhatIf.Comparison tighter = whatIf.compare("strict-2027", period, AS_OF, Locale.SIMPLIFIED_CHINESE);
            assertThat(tighter.versionBefore()).isEqualTo(SchemeVersions.BUILT_IN);
            assertThat(tighter.versionAfter()).isEqualTo("strict-2027");
            // before: the live assessment, i.e. the example's expected result when as of the same instant
            assertThat(new String(LiveAssessment.json(tighter.resultBefore()), StandardCharsets.UTF_8))
                    .isEqualTo(new String(LiveAssessment.json(live.assess(period, AS_OF, Locale.SIMPLIFIED_CHINESE)),
                            StandardCharsets.UTF_8));
            // after: the command on the ledger files with the other version
            assertSameScores(tighter.resultAfter(), command(scheme(strict, "strict.yaml"), period));
            accountsForEveryDifference(tighter);
            // only the acceptance allowance changed: only 2.1, never a deduction that goes away
            assertThat(tighter.changed()).isNotEmpty();
            assertThat(tighter.changed()).allSatisfy(s -> assertThat(s.items()).allSatisfy(i -> {
                assertThat(i.item()).isEqualTo(ItemCode.HANDLING_RESPONSE);
                assertThat(i.entries()).isNotEmpty().allSatisfy(e -> {
                    assertThat(e.change()).isNotEqualTo(SchemeWhatIf.Change.DISAPPEARS);
                    assertThat(e.bonus()).isFalse();
                    assertThat(e.caseRef()).isTrue();
                });
            }));
            assertThat(tighter.changed()).allSatisfy(s -> assertThat(s.after()).isLessThanOrEqualTo(s.before()));

            SchemeWhatIf.Comparison looser = whatIf.compare("loose-2027", period, AS_OF, Locale.SIMPLIFIED_CHINESE);
            assertSameScores(looser.resultAfter(), command(scheme(loose, "loose.yaml"), period));
            accountsForEveryDifference(looser);
            assertThat(looser.changed()).allSatisfy(s -> assertThat(s.items()).allSatisfy(i ->
                    assertThat(i.entries()).allSatisfy(e ->
                            assertThat(e.change()).isNotEqualTo(SchemeWhatIf.Change.APPEARS))));
            assertThat(looser.changed()).allSatisfy(s -> assertThat(s.after()).isGreaterThanOrEqualTo(s.before()));
        }

        // the version in force against itself: nothing differs
        SchemeWhatIf.Comparison same = whatIf.compare("default", live.period("2026-02"), AS_OF, Locale.ENGLISH);
        assertThat(same.sameVersion()).isTrue();
        assertThat(same.changed()).isEmpty();
        assertThat(same.unchanged()).hasSameSizeAs(same.resultBefore().subjects());

        // a year: the annual composite before and after
        SchemeWhatIf.Comparison year = whatIf.compare("strict-2027", live.period("2026"),
                Instant.parse("2027-01-15T00:00:00+08:00"), Locale.SIMPLIFIED_CHINESE);
        assertThat(year.changed()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.finalBefore()).isNotNull();
            assertThat(s.finalAfter()).isNotNull();
        });
        accountsForEveryDifference(year);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void anUnknownVersionIs404AndAPeriodNotBegunIs400(String name, Supplier<DataSource> database) {
        DataSource ds = database.get();
        LiveAssessment live = LiveAssessmentStoresTest.live(ds);
        SchemeWhatIf whatIf = new SchemeWhatIf(live, SchemeVersions.of(JdbcClient.create(ds)));
        assertThatThrownBy(() -> whatIf.compare("no-such", live.period("2026-01"), AS_OF, Locale.ENGLISH))
                .isInstanceOfSatisfying(AssessmentRefused.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.key()).isEqualTo("whatIf.error.unknownVersion");
                    assertThat(e.args()).containsExactly("no-such");
                });
        assertThatThrownBy(() -> whatIf.compare("default", live.period("2026-05"), AS_OF, Locale.ENGLISH))
                .isInstanceOfSatisfying(AssessmentRefused.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.key()).isEqualTo("whatIf.error.notBegun");
                    assertThat(e.field()).isEqualTo("period");
                });
        // a period that has begun (April 2026, as of its 15th) is compared
        assertThat(whatIf.compare("default", live.period("2026-04"), AS_OF, Locale.ENGLISH).changed()).isEmpty();
    }

    @Test
    void textsASpreadsheetWouldTakeForAFormulaAreRecognised() {
        for (String formula : List.of("=1+1", "+86 138", "-2", "@SUM(A1)", "\tx", "\rx", "＝1")) {
            assertThat(WhatIfWorkbook.looksLikeFormula(formula)).as(formula).isTrue();
        }
        for (String text : List.of("", "城东分公司", "C2026010006", "1=1", "a-b")) {
            assertThat(WhatIfWorkbook.looksLikeFormula(text)).as(text).isFalse();
        }
    }

    /** Every subject's total, grade and item scores are the same in both results. */
    static void assertSameScores(AssessmentResult actual, AssessmentResult expected) {
        assertThat(actual.subjects()).extracting(SubjectResult::code)
                .containsExactlyElementsOf(expected.subjects().stream().map(SubjectResult::code).toList());
        for (int i = 0; i < actual.subjects().size(); i++) {
            SubjectResult a = actual.subjects().get(i);
            SubjectResult e = expected.subjects().get(i);
            assertThat(a.total()).as(a.code()).isEqualByComparingTo(e.total());
            assertThat(a.grade()).as(a.code()).isEqualTo(e.grade());
            assertThat(a.items().keySet()).isEqualTo(e.items().keySet());
            a.items().forEach((code, item) -> assertThat(item.score()).as(a.code() + " " + code)
                    .isEqualByComparingTo(e.items().get(code).score()));
        }
    }

    /**
     * The differences listed explain the results: for every item of every subject, the sum of the deductions (and of
     * the bonuses) after minus before is the sum of the listed changes; an item or subject not listed has the same
     * score and the same deductions and bonuses in both.
     */
    static void accountsForEveryDifference(SchemeWhatIf.Comparison c) {
        Map<String, SubjectResult> before = new HashMap<>();
        c.resultBefore().subjects().forEach(s -> before.put(s.code(), s));
        Map<String, SubjectResult> after = new HashMap<>();
        c.resultAfter().subjects().forEach(s -> after.put(s.code(), s));
        assertThat(c.subjects()).hasSize(before.size());
        for (SchemeWhatIf.SubjectChange s : c.subjects()) {
            SubjectResult b = before.get(s.code());
            SubjectResult a = after.get(s.code());
            assertThat(s.before()).isEqualByComparingTo(b.total());
            assertThat(s.after()).isEqualByComparingTo(a.total());
            Map<ItemCode, SchemeWhatIf.ItemChange> listed = new HashMap<>();
            s.items().forEach(i -> listed.put(i.item(), i));
            for (ItemCode code : b.items().keySet()) {
                ItemResult ib = b.items().get(code);
                ItemResult ia = a.items().get(code);
                SchemeWhatIf.ItemChange change = listed.get(code);
                if (change == null) {
                    assertThat(ia.score()).isEqualByComparingTo(ib.score());
                    assertThat(keys(ia.deductions())).isEqualTo(keys(ib.deductions()));
                    assertThat(keys(ia.bonuses())).isEqualTo(keys(ib.bonuses()));
                    continue;
                }
                assertThat(change.before()).isEqualByComparingTo(ib.score());
                assertThat(change.after()).isEqualByComparingTo(ia.score());
                for (boolean bonus : new boolean[] {false, true}) {
                    BigDecimal sumBefore = sum(bonus ? ib.bonuses() : ib.deductions());
                    BigDecimal sumAfter = sum(bonus ? ia.bonuses() : ia.deductions());
                    BigDecimal listedDelta = change.entries().stream().filter(e -> e.bonus() == bonus)
                            .map(e -> orZero(e.after()).subtract(orZero(e.before())))
                            .reduce(BigDecimal.ZERO, BigDecimal::add);
                    assertThat(listedDelta).as(s.code() + " " + code + (bonus ? " bonuses" : " deductions"))
                            .isEqualByComparingTo(sumAfter.subtract(sumBefore));
                }
            }
            if (!s.changed()) {
                assertThat(a.total()).isEqualByComparingTo(b.total());
            }
        }
    }

    private static List<String> keys(List<Entry> entries) {
        List<String> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.rule() + "|" + e.ref() + "|" + e.points().stripTrailingZeros().toPlainString()));
        out.sort(null);
        return out;
    }

    private static BigDecimal sum(List<Entry> entries) {
        return entries.stream().map(Entry::points).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
