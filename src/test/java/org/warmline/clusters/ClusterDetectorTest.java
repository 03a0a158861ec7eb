package org.warmline.clusters;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.cases.Case;
import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseRepository;
import org.warmline.cases.HistoryEntry;
import org.warmline.cases.RegisterCommand;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.organization.OrganizationStore;
import org.warmline.persistence.Databases;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeLoader;
import org.warmline.security.Account;
import org.warmline.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/** Clusters of 3 within 2 h of one building or station and topic, on H2, and linking them under a complex case. */
class ClusterDetectorTest {

    private static final Scheme SCHEME = SchemeLoader.defaultScheme();
    private static final Instant T = Instant.parse("2025-12-01T01:00:00Z");
    private static final Account AGENT = new Account(0, "agent", Role.AGENT, "A01", null, true, 0, null, Instant.EPOCH);

    private int phones;
    private final CaseDesk desk;
    private final ClusterDetector detector;

    ClusterDetectorTest() {
        var ds = Databases.h2();
        var jdbc = JdbcClient.create(ds);
        var transactions = new JdbcTransactionManager(ds);
        var clocks = new CaseClocks(SCHEME, WorkingCalendar.shipped(ZoneId.of("Asia/Shanghai")), 0.8);
        var repository = new CaseRepository(jdbc, clocks, Databases.caseDatabase(ds));
        List<Object> events = new ArrayList<>();
        desk = new CaseDesk(repository, clocks, transactions, events::add);
        var organization = new OrganizationStore(jdbc, transactions);
        organization.saveAll(List.of(new Unit("HQ", "总部客户服务部", UnitKind.HQ_SERVICE, null),
                new Unit("B1", "城东分公司", UnitKind.BRANCH, null), new Unit("S1", "东风供热站", UnitKind.STATION, "B1"),
                new Unit("T1", "东风维修班", UnitKind.TEAM, "S1"), new Unit("T2", "城东维修二班", UnitKind.TEAM, "B1")),
                List.of());
        detector = new ClusterDetector(repository, desk, organization, 3, Duration.ofHours(2), Duration.ofDays(7));
    }

    private Case register(Duration after, String address, String topic) {
        Instant submitted = T.plus(after);
        return desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false, topic, "住户",
                "1380000" + (1000 + ++phones), address, "暖气不热", null, submitted, null), AGENT,
                submitted.plusSeconds(60));
    }

    private Case dispatched(Duration after, String address, String unit) {
        Case c = register(after, address, "TEMPERATURE");
        return desk.dispatch(c.id(), c.version(), AGENT, T.plus(after).plusSeconds(120), unit, null);
    }

    private static Duration min(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    @Test
    void threeHouseholdsOfOneBuildingWithinTwoHoursRaiseAnAlert() {
        Case a = register(min(0), "幸福小区3号楼2单元501", "TEMPERATURE");
        Case b = register(min(50), "幸福小区 3号楼 1单元202", "室温不达标");
        Case c = register(min(120), "幸福小区３号楼4单元101", "temperature");
        Instant now = T.plus(min(130));
        assertThat(detector.alerts(now)).containsExactly(new ClusterAlert("B:幸福小区3号楼", "TEMPERATURE",
                List.of(a.caseNo(), b.caseNo(), c.caseNo()), a.submittedAt(), c.submittedAt()));
        // still shown later while the cases are open and unlinked
        assertThat(detector.alerts(now.plus(Duration.ofDays(1)))).hasSize(1);
    }

    @Test
    void twoHouseholdsAreNoCluster() {
        register(min(0), "幸福小区3号楼2单元501", "TEMPERATURE");
        register(min(10), "幸福小区3号楼2单元502", "TEMPERATURE");
        assertThat(detector.alerts(T.plus(min(30)))).isEmpty();
    }

    @Test
    void theThirdOutsideTheWindowIsNoCluster() {
        register(min(0), "幸福小区3号楼2单元501", "TEMPERATURE");
        register(min(60), "幸福小区3号楼2单元502", "TEMPERATURE");
        register(Duration.ofHours(2).plusSeconds(1), "幸福小区3号楼2单元503", "TEMPERATURE");
        assertThat(detector.alerts(T.plus(min(180)))).isEmpty();
    }

    @Test
    void differentTopicsOrBuildingsAreNoCluster() {
        register(min(0), "幸福小区3号楼2单元501", "TEMPERATURE");
        register(min(10), "幸福小区3号楼2单元502", "LEAK");
        register(min(20), "幸福小区4号楼2单元503", "TEMPERATURE");
        register(min(30), "和平里5号楼", "TEMPERATURE");
        register(min(40), "幸福小区", "TEMPERATURE");
        assertThat(detector.alerts(T.plus(min(60)))).isEmpty();
    }

    @Test
    void overlappingWindowsMakeOneAlert() {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            numbers.add(register(Duration.ofHours(i), "幸福小区3号楼" + i + "01", "TEMPERATURE").caseNo());
        }
        assertThat(detector.alerts(T.plus(Duration.ofHours(4)))).singleElement()
                .satisfies(alert -> assertThat(alert.cases()).isEqualTo(numbers));
    }

    @Test
    void householdsOfOneStationWithoutBuildingNumbersRaiseAnAlert() {
        Case a = dispatched(min(0), "东风路12号", "T1");
        Case b = dispatched(min(30), "东风路14号", "S1");
        Case c = dispatched(min(60), "东风路16号", "T1");
        dispatched(min(61), "东风路18号", "T2"); // another branch's team, not under the station
        assertThat(detector.alerts(T.plus(min(90)))).singleElement()
                .satisfies(alert -> assertThat(alert.key()).isEqualTo("U:S1"))
                .satisfies(alert -> assertThat(alert.cases()).containsExactly(a.caseNo(), b.caseNo(), c.caseNo()));
    }

    @Test
    void closedOrWithdrawnCasesDoNotCount() {
        register(min(0), "幸福小区3号楼2单元501", "TEMPERATURE");
        register(min(10), "幸福小区3号楼2单元502", "TEMPERATURE");
        Case gone = register(min(20), "幸福小区3号楼2单元503", "TEMPERATURE");
        desk.withdraw(gone.id(), gone.version(), AGENT, T.plus(min(25)), "重复登记");
        assertThat(detector.alerts(T.plus(min(30)))).isEmpty();
    }

    @Test
    void linkingUnderANewComplexCaseClearsTheAlertAndKeepsHistory() {
        register(min(0), "幸福小区3号楼2单元501", "TEMPERATURE");
        register(min(10), "幸福小区3号楼2单元502", "TEMPERATURE");
        register(min(20), "幸福小区3号楼2单元503", "TEMPERATURE");
        Instant now = T.plus(min(30));
        ClusterAlert alert = detector.alerts(now).get(0);

        Case parent = detector.linkUnderComplexCase(alert.cases(), AGENT, now);
        assertThat(parent.complex()).isTrue();
        assertThat(parent.topic()).isEqualTo("TEMPERATURE");
        assertThat(parent.submittedAt()).isEqualTo(now);
        assertThat(alert.cases()).doesNotContain(parent.caseNo());
        assertThat(desk.children(parent.id())).extracting(Case::caseNo).containsExactlyElementsOf(alert.cases());
        for (String no : alert.cases()) {
            Case child = desk.findByCaseNo(no).orElseThrow();
            assertThat(child.parentCase()).isEqualTo(parent.id());
            assertThat(desk.history(child.id())).filteredOn(h -> h.action().equals("LINK")).singleElement()
                    .satisfies(h -> assertThat(h.field()).isEqualTo("parent_case"))
                    .satisfies(h -> assertThat(h.note()).isEqualTo(parent.caseNo()));
        }
        assertThat(desk.history(parent.id())).extracting(HistoryEntry::action).contains("REGISTER", "ACCEPT", "LINK");
        assertThat(detector.alerts(now)).isEmpty();

        // a fourth household later: linked under the same (complex) parent when listed with it
        Case late = register(min(40), "幸福小区3号楼2单元504", "TEMPERATURE");
        Case again = detector.linkUnderComplexCase(List.of(late.caseNo(), parent.caseNo()), AGENT, T.plus(min(45)));
        assertThat(again.id()).isEqualTo(parent.id());
        assertThat(desk.children(parent.id())).hasSize(4);
        // linking the same cases again changes nothing
        detector.linkUnderComplexCase(List.of(late.caseNo(), parent.caseNo()), AGENT, T.plus(min(50)));
        assertThat(desk.history(late.id())).filteredOn(h -> h.action().equals("LINK")).hasSize(1);
    }

    @Test
    void buildingsAreCutAfterTheirNumber() {
        assertThat(ClusterDetector.building("幸福小区3号楼2单元501")).isEqualTo("幸福小区3号楼");
        assertThat(ClusterDetector.building(" 幸福小区 １２号楼 ")).isEqualTo("幸福小区12号楼");
        assertThat(ClusterDetector.building("和平里5栋301")).isEqualTo("和平里5栋");
        assertThat(ClusterDetector.building("东风路12号")).isNull();
        assertThat(ClusterDetector.building(null)).isNull();
    }
}
