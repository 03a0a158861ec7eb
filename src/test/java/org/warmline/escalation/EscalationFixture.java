package org.warmline.escalation;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.warmline.security.TestPasswords;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.cases.Case;
import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseRepository;
import org.warmline.cases.RegisterCommand;
import org.warmline.cases.Texts;
import org.warmline.notifications.NotificationContacts;
import org.warmline.notifications.Notifications;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.organization.OrganizationStore;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeLoader;
import org.warmline.security.Account;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;
import org.warmline.persistence.Databases;

/**
 * Escalation wired by hand on a fresh database: HQ (总部客户服务部, manager {@code hq}), branch B1 (not under HQ in the
 * tree, manager {@code b1}) with team T1 (a handler {@code t1} who is no manager).
 */
final class EscalationFixture {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Scheme SCHEME = SchemeLoader.defaultScheme();
    static final WorkingCalendar CALENDAR = WorkingCalendar.shipped(SHANGHAI);
    static final Account AGENT = new Account(0, "agent", Role.AGENT, null, null, true, 0, null, Instant.EPOCH);

    final DataSource dataSource;
    final JdbcClient jdbc;
    final JdbcTransactionManager transactions;
    final CaseClocks clocks;
    final CaseRepository repository;
    final CaseDesk desk;
    final OrganizationStore organization;
    final AccountStore accounts;
    final Notifications notifications;
    final Escalations escalations;
    final Account hqManager;
    final Account b1Manager;
    final Account t1Handler;

    EscalationFixture(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new JdbcTransactionManager(dataSource);
        this.clocks = new CaseClocks(SCHEME, CALENDAR, 0.8);
        this.repository = new CaseRepository(jdbc, clocks, Databases.caseDatabase(dataSource));
        List<Object> events = new ArrayList<>();
        this.desk = new CaseDesk(repository, clocks, transactions, events::add);
        this.organization = new OrganizationStore(jdbc, transactions);
        this.accounts = new AccountStore(jdbc, transactions, TestPasswords.encoder());
        this.notifications = new Notifications(List.of(), jdbc, transactions, new Texts(messages()),
                new NotificationContacts(jdbc));
        this.escalations = new Escalations(repository, clocks, organization, accounts, notifications, jdbc,
                transactions);
        organization.saveAll(List.of(new Unit("HQ", "总部客户服务部", UnitKind.HQ_SERVICE, null),
                new Unit("B1", "城东分公司", UnitKind.BRANCH, null), new Unit("T1", "城东维修一班", UnitKind.TEAM, "B1")),
                List.of());
        this.hqManager = accounts.create("hq", "password-hq", Role.UNIT_MANAGER, null, "HQ");
        this.b1Manager = accounts.create("b1", "password-b1", Role.UNIT_MANAGER, null, "B1");
        this.t1Handler = accounts.create("t1", "password-t1", Role.HANDLER, null, "T1");
    }

    /** A complaint called in at {@code submitted}, typed in 5 min later and dispatched to {@code unit} 10 min after. */
    Case complaintDispatched(Instant submitted, String unit) {
        Case c = complaint(submitted);
        return desk.dispatch(c.id(), c.version(), AGENT, submitted.plusSeconds(600), unit, null);
    }

    /** A complaint called in at {@code submitted}, typed in and accepted 5 min later, not dispatched. */
    Case complaint(Instant submitted) {
        return desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false, "TEMPERATURE", "王先生",
                "13800001111", "幸福小区3号楼2单元501", "暖气不热", null, submitted, null), AGENT,
                submitted.plusSeconds(300));
    }

    static org.springframework.context.MessageSource messages() {
        org.springframework.context.support.ResourceBundleMessageSource messages =
                new org.springframework.context.support.ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
