package org.warmline.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.warmline.security.TestPasswords;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.cases.Case;
import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseEvent;
import org.warmline.cases.CaseRepository;
import org.warmline.cases.RegisterCommand;
import org.warmline.cases.Texts;
import org.warmline.escalation.CaseEscalated;
import org.warmline.escalation.Escalations;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.Post;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.notifications.NotificationContacts;
import org.warmline.notifications.Notifications;
import org.warmline.organization.OrganizationStore;
import org.warmline.persistence.Databases;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeLoader;
import org.warmline.security.Account;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;

/**
 * The desk and the webhooks wired by hand on a fresh database, the desk's events handed to the webhooks' listener as
 * Spring would (in the desk action's transaction): HQ (agent A01), branch B1 with team T1 (steward S01). Deliveries are
 * tried 3 times, 1 min after the first failure and 2 min after the second, each try timing out after 1 s.
 */
final class WebhookFixture {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Scheme SCHEME = SchemeLoader.defaultScheme();
    static final Account AGENT = new Account(1, "zhang", Role.AGENT, "A01", "HQ", true, 0, null, Instant.EPOCH);
    static final Account STEWARD = new Account(2, "li", Role.HANDLER, "S01", "T1", true, 0, null, Instant.EPOCH);

    final DataSource dataSource;
    final JdbcClient jdbc;
    final JdbcTransactionManager transactions;
    final CaseRepository repository;
    final CaseDesk desk;
    final CaseClocks clocks;
    final OrganizationStore organization;
    final WebhookEndpoints endpoints;
    final WebhookDeliveries deliveries;
    final WebhookEvents listener;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    WebhookFixture(DataSource dataSource, boolean allowInternal) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new JdbcTransactionManager(dataSource);
        this.clocks = new CaseClocks(SCHEME, WorkingCalendar.shipped(SHANGHAI), 0.8);
        this.repository = new CaseRepository(jdbc, clocks, Databases.caseDatabase(dataSource));
        AtomicReference<WebhookEvents> events = new AtomicReference<>();
        this.desk = new CaseDesk(repository, clocks, transactions, publisher(events));
        WebhookSettings settings = settings(allowInternal);
        this.endpoints = new WebhookEndpoints(jdbc, settings);
        this.deliveries = new WebhookDeliveries(jdbc, settings, meters);
        this.listener = new WebhookEvents(endpoints, deliveries, desk, SCHEME, transactions);
        events.set(listener);
        this.organization = new OrganizationStore(jdbc, transactions);
        organization.saveAll(List.of(new Unit("HQ", "总部客户服务部", UnitKind.HQ_SERVICE, null),
                        new Unit("B1", "城东分公司", UnitKind.BRANCH, null),
                        new Unit("T1", "城东维修一班", UnitKind.TEAM, "B1")),
                List.of(new Staff("A01", "张客服", Post.AGENT, "HQ"), new Staff("S01", "李管家", Post.STEWARD, "T1")));
    }

    static WebhookSettings settings(boolean allowInternal) {
        return new WebhookSettings(3, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofSeconds(1), 100,
                allowInternal);
    }

    /** The webhooks of the same database seen by another instance (its own settings, client and claims). */
    WebhookDeliveries otherInstance(boolean allowInternal) {
        return new WebhookDeliveries(jdbc, settings(allowInternal), new SimpleMeterRegistry());
    }

    /** Hands the desk's (and escalation's) events to the webhooks' listener, as Spring's publisher would. */
    static ApplicationEventPublisher publisher(AtomicReference<WebhookEvents> events) {
        return event -> {
            if (event instanceof CaseEvent e) {
                events.get().caseEvent(e);
            } else if (event instanceof CaseEscalated e) {
                events.get().escalated(e);
            }
        };
    }

    /** Escalation on the same database, its events going to the webhooks. */
    Escalations escalations() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        AccountStore accounts = new AccountStore(jdbc, transactions,
                TestPasswords.encoder());
        Notifications notifications = new Notifications(List.of(), jdbc, transactions, new Texts(messages),
                new NotificationContacts(jdbc));
        AtomicReference<WebhookEvents> events = new AtomicReference<>(listener);
        return new Escalations(repository, clocks, organization, accounts, notifications, jdbc, transactions,
                new SimpleMeterRegistry(), publisher(events));
    }

    /** A hotline complaint called in at {@code at}, typed in and accepted a minute later. */
    Case complaint(Instant at, String phone) {
        return register(Category.COMPLAINT, at, phone);
    }

    /** A hotline case of a category called in at {@code at}, typed in and accepted a minute later. */
    Case register(Category category, Instant at, String phone) {
        return desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, category, false, "TEMPERATURE",
                "王先生", phone, "幸福小区3号楼2单元501", "暖气不热", null, at, null), AGENT, at.plusSeconds(60));
    }

    /** The complaint dispatched to T1 / S01 at {@code at}. */
    Case dispatched(Case c, Instant at) {
        return desk.dispatch(c.id(), c.version(), AGENT, at, "T1", "S01");
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
