package org.warmline.announcements;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.cases.Case;
import org.warmline.cases.CaseAccess;
import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseRepository;
import org.warmline.cases.CaseState;
import org.warmline.cases.HistoryEntry;
import org.warmline.cases.RegisterCommand;
import org.warmline.cases.Texts;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.Post;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.notifications.NotificationContacts;
import org.warmline.notifications.Notifications;
import org.warmline.notifications.Notifier;
import org.warmline.organization.OrganizationStore;
import org.warmline.organization.RoutingRule;
import org.warmline.organization.RoutingRules;
import org.warmline.persistence.Databases;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeLoader;
import org.warmline.security.Account;
import org.warmline.security.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Outage announcements on H2 and PostgreSQL, wired as the server wires them (a real SMS channel's outbox; its
 * gateway is never called here): posting opens the complex case, bad areas and times are refused with every problem
 * and nothing stored, callers are matched by station, routed station and address pattern, a call answered from an
 * announcement is one transaction of guarded transitions ending under the complex case, and closing texts each linked
 * citizen once and moves on exactly the cases that were answered.
 */
class AnnouncementsTest {

    private static final Scheme SCHEME = SchemeLoader.defaultScheme();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final WorkingCalendar CALENDAR = WorkingCalendar.shipped(SHANGHAI);
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(SHANGHAI);
    private static final Account AGENT = new Account(1, "zhang", Role.AGENT, "A01", "HQ", true, 0, null, Instant.EPOCH);
    private static final Account MANAGER = new Account(3, "wang", Role.UNIT_MANAGER, null, "B2", true, 0, null,
            Instant.EPOCH);
    private static final Account HANDLER = new Account(2, "li", Role.HANDLER, "S01", "S1T1", true, 0, null,
            Instant.EPOCH);

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", (java.util.function.Supplier<DataSource>) Databases::h2),
                Arguments.of("PostgreSQL", (java.util.function.Supplier<DataSource>) Databases::postgres));
    }

    /** The desk and announcements on one database, with an SMS channel configured (its outbox is in the database). */
    private record Fixture(Announcements announcements, CaseDesk desk, JdbcClient jdbc) {
    }

    private static Fixture fixture(DataSource ds) {
        JdbcClient jdbc = JdbcClient.create(ds);
        JdbcTransactionManager transactions = new JdbcTransactionManager(ds);
        CaseClocks clocks = new CaseClocks(SCHEME, CALENDAR, 0.8);
        CaseRepository repository = new CaseRepository(jdbc, clocks, Databases.caseDatabase(ds));
        CaseDesk desk = new CaseDesk(repository, clocks, transactions, event -> { });
        OrganizationStore organization = new OrganizationStore(jdbc, transactions);
        organization.saveAll(List.of(new Unit("HQ", "总部客户服务部", UnitKind.HQ_SERVICE, null),
                        new Unit("B1", "城东分公司", UnitKind.BRANCH, null),
                        new Unit("S1", "兴华供热站", UnitKind.STATION, "B1"),
                        new Unit("S1T1", "兴华站维修一班", UnitKind.TEAM, "S1"),
                        new Unit("S1A1", "幸福片区", UnitKind.AREA, "S1"),
                        new Unit("B2", "城西分公司", UnitKind.BRANCH, null),
                        new Unit("S2", "光明供热站", UnitKind.STATION, "B2")),
                List.of(new Staff("A01", "张客服", Post.AGENT, "HQ"), new Staff("S01", "李管家", Post.STEWARD, "S1T1")));
        RoutingRules routing = new RoutingRules(jdbc);
        routing.add(1, RoutingRule.MatchKind.ADDRESS_CONTAINS, "春天花园", "S1A1", null);
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        Texts texts = new Texts(messages);
        Notifications notifications = new Notifications(List.of(new SmsChannel()), jdbc, transactions, texts,
                new NotificationContacts(jdbc));
        Announcements announcements = new Announcements(new AnnouncementStore(jdbc), desk,
                new CaseAccess(desk, organization), repository, organization, routing, notifications, texts,
                transactions, clocks, "【兴华热力】");
        return new Fixture(announcements, desk, jdbc);
    }

    /** An SMS gateway that is configured; nothing here delivers the outbox, so it is never called. */
    private static final class SmsChannel implements Notifier {
        @Override
        public String channel() {
            return "sms";
        }

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        public List<String> addresses(List<Contact> recipients) {
            return recipients.stream().map(Contact::mobile).filter(java.util.Objects::nonNull).toList();
        }

        @Override
        public void deliver(OutgoingMessage message) {
            throw new AssertionError("the outbox is not delivered in this test");
        }
    }

    private static Announcements.Command posting(List<String> stations, List<String> patterns, Instant start,
                                                 Instant restore) {
        return new Announcements.Command(stations, patterns, "一次网主管道爆管,正在抢修", INPUT.format(start),
                restore == null ? null : INPUT.format(restore), "S1", null, null);
    }

    private static RegisterCommand call(String phone, String address, Instant at) {
        return new RegisterCommand(Channel.HOTLINE, Category.CONSULTATION, false, "OUTAGE", "王女士", phone, address,
                "暖气不热了,什么时候来", null, at, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void postingOpensTheComplexCaseDispatchedToTheResponsibleUnit(String name,
                                                                  java.util.function.Supplier<DataSource> db) {
        Fixture f = fixture(db.get());
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Announcement a = f.announcements().post(posting(List.of("S1"), List.of("幸福小区3号楼"), now.minusSeconds(3600),
                now.plus(Duration.ofHours(6))), AGENT, now);

        assertThat(a.active()).isTrue();
        assertThat(a.stations()).containsExactly("S1");
        assertThat(a.patterns()).containsExactly("幸福小区3号楼");
        Case complex = f.desk().find(a.caseId()).orElseThrow();
        assertThat(complex.complex()).isTrue();
        assertThat(complex.state()).isEqualTo(CaseState.DISPATCHED);
        assertThat(complex.unit()).isEqualTo("S1");
        assertThat(complex.topic()).isEqualTo("OUTAGE");
        assertThat(complex.address()).isEqualTo("兴华供热站、幸福小区3号楼");
        assertThat(complex.demand()).contains("一次网主管道爆管");
        assertThat(f.announcements().events(a.id())).extracting(e -> e.text().key())
                .containsExactly("announcement.log.posted");
        assertThat(f.announcements().active()).extracting(Announcement::id).contains(a.id());
        assertThat(f.announcements().ofCase(a.caseId())).map(Announcement::id).contains(a.id());
        assertThat(f.announcements().ofCase(complex.id())).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anEmptyAreaARestoreBeforeTheStartAndAPatternThatNamesNoPlaceAreRefusedAndNothingIsStored(String name,
            java.util.function.Supplier<DataSource> db) {
        Fixture f = fixture(db.get());
        Instant now = Instant.now();
        assertThatThrownBy(() -> f.announcements().post(posting(List.of(), List.of(), now, now.minusSeconds(7200)),
                AGENT, now))
                .isInstanceOfSatisfying(AnnouncementRefused.class, r -> assertThat(r.problems())
                        .extracting(AnnouncementRefused.Problem::key)
                        .containsExactlyInAnyOrder("announcement.area.empty", "announcement.restore.beforeStart"));
        assertThatThrownBy(() -> f.announcements().post(posting(List.of("B1"), List.of("3号楼", "小区"), now,
                now.plusSeconds(7200)), AGENT, now))
                .isInstanceOfSatisfying(AnnouncementRefused.class, r -> assertThat(r.problems())
                        .extracting(AnnouncementRefused.Problem::key)
                        .containsExactly("announcement.station.notStation", "announcement.pattern.NO_PLACE",
                                "announcement.pattern.NO_PLACE"));
        assertThatThrownBy(() -> f.announcements().post(posting(List.of("S1"), List.of(), now, now), AGENT, now))
                .isInstanceOfSatisfying(AnnouncementRefused.class, r -> assertThat(r.problems())
                        .extracting(AnnouncementRefused.Problem::key)
                        .containsExactly("announcement.restore.beforeStart"));
        // a unit manager of the other branch: neither its station nor its unit
        assertThatThrownBy(() -> f.announcements().post(posting(List.of("S1"), List.of(), now, now.plusSeconds(60)),
                MANAGER, now))
                .isInstanceOfSatisfying(AnnouncementRefused.class, r -> assertThat(r.problems())
                        .extracting(AnnouncementRefused.Problem::key)
                        .containsExactly("announcement.station.outOfScope", "announcement.unit.outOfScope"));
        assertThatThrownBy(() -> f.announcements().post(posting(List.of("S1"), List.of(), now, now.plusSeconds(60)),
                HANDLER, now)).isInstanceOf(org.warmline.cases.CaseForbidden.class);
        assertThat(f.jdbc().sql("select count(*) from announcement").query(Long.class).single()).isZero();
        assertThat(f.jdbc().sql("select count(*) from petition_case").query(Long.class).single()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCallerIsMatchedByStationByTheStationTheAddressIsRoutedToAndByAddressPattern(String name,
            java.util.function.Supplier<DataSource> db) {
        Fixture f = fixture(db.get());
        Instant now = Instant.now();
        Announcement byStation = f.announcements().post(posting(List.of("S1"), List.of(), now, now.plusSeconds(9000)),
                AGENT, now);
        Announcement byPattern = f.announcements().post(posting(List.of(), List.of("光明街8号电力宿舍"), now,
                now.plusSeconds(9000)), AGENT, now);

        assertThat(f.announcements().matching("随便什么地址", "S1A1")).singleElement().satisfies(m -> {
            assertThat(m.announcement().id()).isEqualTo(byStation.id());
            assertThat(m.reason()).isEqualTo(Announcements.Reason.STATION);
            assertThat(m.by()).isEqualTo("S1");
        });
        assertThat(f.announcements().matching("东城区幸福路175号春天花园小区15号楼1单元201室", null)).singleElement()
                .satisfies(m -> assertThat(m.reason()).isEqualTo(Announcements.Reason.ROUTED));
        assertThat(f.announcements().matching("西城区光明街８号 电力宿舍 2栋301", null)).singleElement().satisfies(m -> {
            assertThat(m.announcement().id()).isEqualTo(byPattern.id());
            assertThat(m.reason()).isEqualTo(Announcements.Reason.PATTERN);
            assertThat(m.by()).isEqualTo("光明街8号电力宿舍");
        });
        assertThat(f.announcements().matching("西城区光明街18号电力宿舍2号楼", "S2")).isEmpty();
        assertThat(f.announcements().matching(null, null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCallAnsweredFromAnAnnouncementIsRegisteredAnsweredAndLinkedUnderItsCase(String name,
            java.util.function.Supplier<DataSource> db) {
        Fixture f = fixture(db.get());
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Announcement a = f.announcements().post(posting(List.of("S1"), List.of(), now.minusSeconds(600),
                now.plus(Duration.ofHours(5))), AGENT, now.minusSeconds(600));

        Case c = f.announcements().answer(a.id(), call("13900001111", "幸福小区3号楼2单元201", now), AGENT, now, null);

        assertThat(c.state()).isEqualTo(CaseState.SOLUTION_GIVEN);
        assertThat(c.parentCase()).isEqualTo(a.caseId());
        assertThat(c.unit()).isEqualTo("S1");
        assertThat(c.acceptedAt()).isEqualTo(now);
        assertThat(c.dispatchedAt()).isEqualTo(now);
        assertThat(c.contactedAt()).isEqualTo(now);
        assertThat(c.solutionAt()).isEqualTo(now);
        assertThat(c.solution()).contains("一次网主管道爆管").contains(a.caseNo());
        assertThat(f.desk().history(c.id())).extracting(HistoryEntry::action)
                .contains("REGISTER", "ACCEPT", "DISPATCH", "CONTACT", "SOLUTION", "LINK");
        assertThat(f.desk().history(a.caseId())).extracting(HistoryEntry::action).contains("LINK");
        assertThat(f.announcements().calls(a.id())).extracting(AnnouncementStore.Call::caseId).containsExactly(c.id());
        assertThat(f.announcements().callCounts(List.of(a))).containsEntry(a.id(), 1L);
        assertThat(new CaseClocks(SCHEME, CALENDAR, 0.8).at(c, now).clocks()).as("no clock runs").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anUpdateIsLoggedAndAStaleVersionIsRefused(String name, java.util.function.Supplier<DataSource> db) {
        Fixture f = fixture(db.get());
        Instant now = Instant.now();
        Announcement a = f.announcements().post(posting(List.of("S1"), List.of(), now, now.plusSeconds(7200)), AGENT,
                now);
        Announcements.Command later = new Announcements.Command(List.of("S1"), List.of("幸福小区"), a.cause(),
                null, INPUT.format(now.plusSeconds(4 * 3600)), null, null, "漏点已找到,正在焊接");

        Announcement updated = f.announcements().update(a.id(), a.version(), later, AGENT, now);

        assertThat(updated.patterns()).containsExactly("幸福小区");
        assertThat(updated.version()).isEqualTo(a.version() + 1);
        assertThat(f.announcements().events(a.id())).extracting(e -> e.text().key())
                .containsExactly("announcement.log.posted", "announcement.log.restore", "announcement.log.area",
                        "announcement.log.note");
        assertThatThrownBy(() -> f.announcements().update(a.id(), a.version(), later, AGENT, now))
                .isInstanceOfSatisfying(AnnouncementRefused.class,
                        r -> assertThat(r.kind()).isEqualTo(AnnouncementRefused.Kind.CONFLICT));
        Announcements.Command same = new Announcements.Command(List.of("S1"), List.of("幸福小区"), a.cause(), null,
                INPUT.format(now.plusSeconds(4 * 3600)), null, null, null);
        assertThatThrownBy(() -> f.announcements().update(a.id(), updated.version(), same, AGENT, now))
                .isInstanceOfSatisfying(AnnouncementRefused.class,
                        r -> assertThat(r.getCodes()[0]).isEqualTo("announcement.nothingChanged"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void closingTextsEachLinkedCitizenOnceAndMovesOnTheAnsweredCases(String name,
            java.util.function.Supplier<DataSource> db) {
        Fixture f = fixture(db.get());
        Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Announcement a = f.announcements().post(posting(List.of("S1"), List.of(), start, start.plusSeconds(6 * 3600)),
                AGENT, start);
        Instant t = start.plusSeconds(600);
        Case first = f.announcements().answer(a.id(), call("13900001111", "幸福小区3号楼", t), AGENT, t, null);
        Case again = f.announcements().answer(a.id(), call("139 0000 1111", "幸福小区3号楼", t.plusSeconds(60)), AGENT,
                t.plusSeconds(60), null);
        Case landline = f.announcements().answer(a.id(), call("010-65123456", "幸福小区5号楼", t.plusSeconds(120)),
                AGENT, t.plusSeconds(120), null);
        // a case linked by other means, still waiting for contact; and one in progress
        Case waiting = f.desk().registerByAgent(call("13900002222", "幸福小区7号楼", t), AGENT, t);
        waiting = f.desk().dispatch(waiting.id(), waiting.version(), AGENT, t, "S1T1", "S01");
        Case working = f.desk().registerByAgent(call("13900003333", "幸福小区8号楼", t), AGENT, t);
        working = f.desk().dispatch(working.id(), working.version(), AGENT, t, "S1T1", "S01");
        working = f.desk().contact(working.id(), working.version(), HANDLER, t.plusSeconds(300));
        f.desk().linkUnder(a.caseId(), List.of(waiting.id(), working.id()), AGENT, t.plusSeconds(400));
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        assertThatThrownBy(() -> f.announcements().close(a.id(), a.version(), INPUT.format(start.minusSeconds(3600)),
                AGENT, now)).isInstanceOfSatisfying(AnnouncementRefused.class, r -> assertThat(r.getCodes()[0])
                .isEqualTo("announcement.restoredAt.beforeStart"));
        Announcements.Closing closing = f.announcements().close(a.id(), a.version(), null, AGENT, now);

        assertThat(closing.announcement().active()).isFalse();
        assertThat(closing.announcement().restoredAt()).isEqualTo(now);
        // the three answered and the one in progress move on; the one waiting for contact and the complex case itself
        // (dispatched, nobody contacted anyone on it) stay
        assertThat(closing.moved()).isEqualTo(4);
        assertThat(closing.left()).isEqualTo(2);
        assertThat(closing.leftCases()).containsExactlyInAnyOrder(waiting.caseNo(), a.caseNo());
        for (Case c : List.of(first, again, landline, working)) {
            assertThat(f.desk().find(c.id()).orElseThrow().state()).as(c.caseNo()).isEqualTo(CaseState.COMPLETED);
        }
        assertThat(f.desk().find(working.id()).orElseThrow().solution()).contains("供热已于");
        assertThat(f.desk().find(waiting.id()).orElseThrow().state()).isEqualTo(CaseState.DISPATCHED);
        // one text per mobile phone: 13900001111 once for two calls, none for the landline; the waiting citizen too
        List<String> recipients = f.jdbc().sql("select recipient from notification_outbox where channel = 'sms' "
                + "order by recipient").query(String.class).list();
        assertThat(recipients).containsExactly("13900001111", "13900002222", "13900003333");
        assertThat(closing.texts()).isEqualTo(3);
        assertThat(f.jdbc().sql("select body from notification_outbox where recipient = '13900001111'")
                .query(String.class).single()).startsWith("【兴华热力】").contains("一次网主管道爆管").contains("恢复供热");
        assertThat(f.desk().history(first.id())).filteredOn(h -> h.action().equals("MESSAGE")).singleElement()
                .satisfies(h -> assertThat(h.text().args()).first().isEqualTo("139****1111"));
        assertThat(f.desk().history(again.id())).noneMatch(h -> h.action().equals("MESSAGE"));
        assertThatThrownBy(() -> f.announcements().close(a.id(), closing.announcement().version(), null, AGENT, now))
                .isInstanceOfSatisfying(AnnouncementRefused.class, r -> assertThat(r.getCodes()[0])
                        .isEqualTo("announcement.closed"));
        assertThatThrownBy(() -> f.announcements().answer(a.id(), call("13900004444", "幸福小区", now), AGENT, now,
                null)).isInstanceOf(AnnouncementRefused.class);
        assertThat(f.announcements().active()).isEmpty();
    }
}
