package org.warmline.cases;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.persistence.Databases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case list's text search on H2 and PostgreSQL: any part of the number, name, address, demand, solution or notes,
 * Chinese included (which has no spaces between words), in any letter case, {@code %} and {@code _} taken literally,
 * combined with the other filters and the data scope. On PostgreSQL the trigram index of V13_2 serves it.
 */
class CaseSearchTest {

    private static Case register(DeskFixture f, String name, String address, String demand, Instant at) {
        return f.desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false, "室温不达标", name,
                "13812345678", address, demand, null, at, null), DeskFixture.AGENT, at);
    }

    private static List<String> found(DeskFixture f, CaseQuery q) {
        return f.desk.search(q).cases().stream().map(Case::caseNo).toList();
    }

    private static List<String> text(DeskFixture f, String text) {
        return found(f, CaseQuery.all().withText(text));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void theSearchFindsChineseSubstringsOfDemandSolutionAndNotes(String name, Supplier<DataSource> database) {
        DeskFixture f = new DeskFixture(database.get());
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
        Case cold = register(f, "王女士", "幸福小区3号楼2单元501", "卧室室温只有16度,暖气片上热下凉", at);
        Case leak = register(f, "李先生", "和平里东街12号", "楼道立管漏水,墙面潮湿", at.plusSeconds(1));
        Case meter = register(f, "ZHANG Wei", "建设路8号", "热计量表读数异常 100%_sure", at.plusSeconds(2));
        Case solved = f.desk.dispatch(leak.id(), leak.version(), DeskFixture.AGENT, at, "T1", "S01");
        solved = f.desk.contact(solved.id(), solved.version(), DeskFixture.STEWARD, at);
        solved = f.desk.giveSolution(solved.id(), solved.version(), DeskFixture.STEWARD, at, "已更换立管阀门并做防腐处理");
        f.desk.note(meter.id(), DeskFixture.AGENT, at, "用户要求周末上门核对表具");

        assertThat(text(f, "室温只有")).containsExactly(cold.caseNo());
        assertThat(text(f, "热下凉")).as("the end of a demand").containsExactly(cold.caseNo());
        assertThat(text(f, "漏水")).as("two characters").containsExactly(leak.caseNo());
        assertThat(text(f, "立管阀门")).as("in the solution").containsExactly(leak.caseNo());
        assertThat(text(f, "立管")).as("demand and solution of one case").containsExactly(leak.caseNo());
        assertThat(text(f, "周末上门")).as("in a note").containsExactly(meter.caseNo());
        assertThat(text(f, "幸福小区3号楼")).containsExactly(cold.caseNo());
        assertThat(text(f, "zhang wei")).as("any letter case").containsExactly(meter.caseNo());
        assertThat(text(f, "100%_")).as("% and _ taken literally").containsExactly(meter.caseNo());
        assertThat(text(f, "0%_s")).containsExactly(meter.caseNo());
        assertThat(text(f, "1%")).isEmpty();
        assertThat(text(f, "凉\n楼道")).as("no match across two fields or cases").isEmpty();
        assertThat(text(f, "16度,暖气")).containsExactly(cold.caseNo());
        assertThat(text(f, cold.caseNo().substring(3))).contains(cold.caseNo());
        assertThat(text(f, "暖气片上热下凉还有")).isEmpty();

        assertThat(found(f, CaseQuery.all().withText("立管").withStates(Set.of(CaseState.SOLUTION_GIVEN))))
                .containsExactly(leak.caseNo());
        assertThat(found(f, CaseQuery.all().withText("立管").withStates(Set.of(CaseState.ACCEPTED)))).isEmpty();
        assertThat(found(f, CaseQuery.all().withText("室温").visibleTo(new CaseQuery.Visibility(Set.of("T1"), null))))
                .as("only within the data scope").isEmpty();
        assertThat(found(f, CaseQuery.all().withText("漏水").visibleTo(new CaseQuery.Visibility(Set.of("T1"), null))))
                .containsExactly(leak.caseNo());
        assertThat(found(f, CaseQuery.all().withText("室温").submitted(at.plusSeconds(1), null))).isEmpty();
        assertThat(f.desk.search(CaseQuery.all().withText("小区")).total()).isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            register(f, "赵" + i, "小区" + i, "暖气不热", at.plusSeconds(10 + i));
        }
        CasePage capped = f.repository.search(CaseQuery.all().withText("暖气"));
        assertThat(capped.total()).isEqualTo(4);
        assertThat(capped.totalCapped()).isFalse();
        assertThat(solved.solution()).contains("立管");
    }

    @Test
    void onPostgresqlTheTrigramIndexServesChineseSearches() {
        DataSource ds = Databases.postgres();
        DeskFixture f = new DeskFixture(ds);
        register(f, "王女士", "幸福小区", "卧室室温只有16度", Instant.now().minusSeconds(60));
        assertThat(f.jdbc.sql("select indexdef from pg_indexes where indexname = 'petition_case_text'")
                .query(String.class).single()).contains("gin_trgm_ops", "search_text");
        assertThat(f.jdbc.sql("select generation_expression from information_schema.columns "
                        + "where table_name = 'petition_case' and column_name = 'search_text'").query(String.class)
                .single()).contains("case_no", "citizen_name", "address", "demand", "solution", "notes_text", "lower");
        assertThat(f.jdbc.sql("select array_length(show_trgm('暖气不热'), 1)").query(Integer.class).single())
                .as("Chinese characters make trigrams (a UTF-8 LC_CTYPE)").isGreaterThan(2);
        String plan = f.jdbc.sql("select 1").query(rs -> {
            try (var s = rs.getStatement().getConnection().createStatement()) {
                s.execute("set enable_seqscan = off");
                StringBuilder out = new StringBuilder();
                try (var r = s.executeQuery("explain select id from petition_case where " + CaseRepository.SEARCH_TEXT
                        + " like '%室温只有%' escape '\\'")) {
                    while (r.next()) {
                        out.append(r.getString(1)).append('\n');
                    }
                }
                s.execute("reset enable_seqscan");
                return out.toString();
            }
        });
        assertThat(plan).as("the search's expression is the index's").contains("petition_case_text");
        String pairs = f.jdbc.sql("select 1").query(rs -> {
            try (var s = rs.getStatement().getConnection().createStatement()) {
                s.execute("set enable_seqscan = off");
                StringBuilder out = new StringBuilder();
                try (var r = s.executeQuery("explain select id from petition_case where search_pairs(search_text) "
                        + "@> array[hashtext('室温')] and search_text like '%室温%'")) {
                    while (r.next()) {
                        out.append(r.getString(1)).append('\n');
                    }
                }
                s.execute("reset enable_seqscan");
                return out.toString();
            }
        });
        assertThat(pairs).as("two characters: the pairs index").contains("petition_case_pairs");
        assertThat(f.desk.search(CaseQuery.all().withText("室温")).total()).isEqualTo(1);
        assertThat(f.desk.search(CaseQuery.all().withText("温只")).total()).isEqualTo(1);
        assertThat(f.desk.search(CaseQuery.all().withText("温室")).total()).isZero();
    }
}
