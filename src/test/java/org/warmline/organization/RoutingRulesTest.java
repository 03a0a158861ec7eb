package org.warmline.organization;

import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.warmline.ledger.Post;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.organization.RoutingRule.MatchKind;

import static org.assertj.core.api.Assertions.assertThat;

/** The routing proposal: the first enabled matching rule by priority, on H2 and PostgreSQL. */
class RoutingRulesTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void theFirstMatchingRuleByPriorityWins(String name, Supplier<DataSource> database) {
        DataSource ds = database.get();
        JdbcClient jdbc = JdbcClient.create(ds);
        new OrganizationStore(jdbc, new DataSourceTransactionManager(ds)).saveAll(List.of(
                new Unit("B1", "城东分公司", UnitKind.BRANCH, null), new Unit("S1", "一号站", UnitKind.STATION, "B1"),
                new Unit("A1", "幸福片区", UnitKind.AREA, "S1"), new Unit("A2", "和平片区", UnitKind.AREA, "S1")),
                List.of(new Staff("G1", "管家一", Post.STEWARD, "A1"), new Staff("G2", "管家二", Post.STEWARD, "A2")));
        RoutingRules rules = new RoutingRules(jdbc);

        assertThat(rules.propose("幸福路 1 号", "A1")).isEmpty();

        long broad = rules.add(50, MatchKind.ADDRESS_CONTAINS, "幸福路", "A1", "G1");
        long narrow = rules.add(10, MatchKind.ADDRESS_CONTAINS, "幸福路 1 号", "A2", "G2");
        long station = rules.add(20, MatchKind.STATION, "S1", "S1", null);
        long area = rules.add(5, MatchKind.AREA, "A2", "A2", "G2");

        assertThat(rules.propose("幸福路 1 号楼 3 单元", null)).contains(new RoutingRules.Proposal("A2", "G2", narrow));
        assertThat(rules.propose("幸福路 9 号", null)).contains(new RoutingRules.Proposal("A1", "G1", broad));
        assertThat(rules.propose("幸福路 9 号", "S1")).contains(new RoutingRules.Proposal("S1", null, station));
        assertThat(rules.propose("幸福路 1 号", "A2")).contains(new RoutingRules.Proposal("A2", "G2", area));
        assertThat(rules.propose("和平街", "NONE")).isEmpty();
        assertThat(rules.propose(null, null)).isEmpty();

        assertThat(rules.disable(narrow)).isTrue();
        assertThat(rules.propose("幸福路 1 号楼", null)).contains(new RoutingRules.Proposal("A1", "G1", broad));
        assertThat(rules.disable(9999)).isFalse();
        assertThat(rules.all()).hasSize(4).last().extracting(RoutingRule::enabled).isEqualTo(false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void equalPrioritiesGoToTheOlderRule(String name, Supplier<DataSource> database) {
        DataSource ds = database.get();
        JdbcClient jdbc = JdbcClient.create(ds);
        new OrganizationStore(jdbc, new DataSourceTransactionManager(ds)).saveAll(List.of(
                new Unit("B1", "b", UnitKind.BRANCH, null), new Unit("B2", "c", UnitKind.BRANCH, null)), List.of());
        RoutingRules rules = new RoutingRules(jdbc);
        long first = rules.add(1, MatchKind.ADDRESS_CONTAINS, "路", "B1", null);
        rules.add(1, MatchKind.ADDRESS_CONTAINS, "路", "B2", null);
        assertThat(rules.propose("长安路", null)).map(RoutingRules.Proposal::ruleId).contains(first);
    }
}
