package org.warmline.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.cases.KeyedText;
import org.warmline.cases.Texts;
import org.warmline.persistence.Databases;
import org.warmline.security.Account;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each channel against a real local server started by the test — an SMTP server (GreenMail) for e-mail and an HTTP
 * server (MockWebServer) for the WeCom robot and the SMS gateway — through the outbox: a notice is queued in the
 * desk's transaction, delivered by a run; a server that is down or answers garbage leaves the message queued and
 * tried again after the back-off, until it is given up; the desk's transaction is never the worse for it.
 */
class NotificationChannelsTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    private static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");

    private final MockWebServer http = new MockWebServer();
    private DataSource db;
    private JdbcClient jdbc;
    private JdbcTransactionManager transactions;
    private Account manager;
    private Account other;

    @BeforeEach
    void start() throws Exception {
        http.start();
        db = Databases.h2();
        jdbc = JdbcClient.create(db);
        transactions = new JdbcTransactionManager(db);
        AccountStore accounts = new AccountStore(jdbc, transactions,
                org.warmline.security.TestPasswords.encoder());
        manager = accounts.create("manager", "password-1", Role.UNIT_MANAGER, null, null);
        other = accounts.create("other", "password-2", Role.UNIT_MANAGER, null, null);
        NotificationContacts contacts = new NotificationContacts(jdbc);
        contacts.set(manager.id(), "manager@example.com", "13900001111", T0);
        contacts.set(other.id(), null, "010-12345678", T0); // a landline: no text
    }

    @AfterEach
    void stop() throws Exception {
        http.shutdown();
    }

    private record Wired(Notifications notifications, Outbox outbox, SimpleMeterRegistry meters) {
    }

    private Wired wire(NotificationSettings settings) {
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("localhost");
        mail.setPort(smtp.getSmtp().getPort());
        mail.setDefaultEncoding("UTF-8");
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("mail", mail));
        List<Notifier> channels = List.of(new EmailNotifier(settings, beans.getBeanProvider(JavaMailSender.class)),
                new WeComNotifier(settings), new SmsNotifier(settings));
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        return new Wired(new Notifications(channels, jdbc, transactions, new Texts(messages),
                new NotificationContacts(jdbc)), new Outbox(jdbc, channels, settings, meters), meters);
    }

    private NotificationSettings settings(String email, String wecom, String sms, String successPattern) {
        return new NotificationSettings(new NotificationSettings.Email(email), new NotificationSettings.Wecom(wecom),
                new NotificationSettings.Sms(sms, null, null, null, Map.of("X-Api-Key", "k1"), successPattern),
                new NotificationSettings.Outbox(3, Duration.ofMinutes(1), Duration.ofMinutes(10), 100),
                Duration.ofSeconds(2));
    }

    private Notice notice() {
        return new Notice(List.of(manager, other), T0,
                KeyedText.of("notification.escalated", "W20260302-000001", KeyedText.key("case.clock.CONTACT"),
                        "城东分公司"), null, "W20260302-000001");
    }

    @Test
    void everyChannelIsOffUntilConfiguredAndInAppStillWorks() {
        Wired w = wire(settings(null, null, null, null));
        assertThat(w.notifications().channels()).isEmpty();
        assertThat(w.notifications().citizenTexts()).isFalse();
        w.notifications().send(notice());
        assertThat(w.notifications().unreadCount(manager.id())).isEqualTo(1);
        assertThat(w.notifications().unreadCount(other.id())).isEqualTo(1);
        assertThat(w.outbox().messages(null)).isEmpty();
        assertThat(w.notifications().textCitizen("13800001111", "hi", null, T0)).isFalse();
    }

    @Test
    void anEmailReachesTheSmtpServerInChinese() throws Exception {
        Wired w = wire(settings("暖线 <warmline@example.com>", null, null, null));
        new TransactionTemplate(transactions).executeWithoutResult(s -> w.notifications().send(notice()));
        assertThat(w.outbox().messages(null)).singleElement()
                .satisfies(m -> assertThat(m.recipient()).isEqualTo("manager@example.com"))
                .satisfies(m -> assertThat(m.status()).isEqualTo("PENDING"));
        assertThat(smtp.getReceivedMessages()).isEmpty(); // nothing leaves inside the desk's transaction

        assertThat(w.outbox().deliverDue(T0)).isEqualTo(new Outbox.Run(1, 0, 0));
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("manager@example.com");
        assertThat(received[0].getSubject()).isEqualTo("暖线提醒 W20260302-000001");
        assertThat(received[0].getContent().toString().trim())
                .isEqualTo("工单 W20260302-000001 联系时限已超时,已升级至城东分公司,请督办。");
        assertThat(w.outbox().messages(null)).singleElement().satisfies(m -> assertThat(m.status()).isEqualTo("SENT"));
        assertThat(w.outbox().deliverDue(T0.plusSeconds(3600))).isEqualTo(new Outbox.Run(0, 0, 0));
        assertThat(w.meters().counter("warmline.notifications.deliveries", "channel", "email", "outcome", "sent")
                .count()).isEqualTo(1.0);
    }

    @Test
    void theWeComRobotGetsOneTextMessageAndGarbageIsTriedAgain() throws Exception {
        Wired w = wire(settings(null, http.url("/cgi-bin/webhook/send?key=abc").toString(), null, null));
        w.notifications().send(notice());
        assertThat(w.outbox().messages(null)).singleElement()
                .satisfies(m -> assertThat(m.recipient()).isNull());

        http.enqueue(new MockResponse().setResponseCode(200).setBody("<html>proxy error</html>"));
        assertThat(w.outbox().deliverDue(T0)).isEqualTo(new Outbox.Run(0, 1, 0));
        RecordedRequest first = http.takeRequest(5, TimeUnit.SECONDS);
        assertThat(first.getMethod()).isEqualTo("POST");
        assertThat(first.getPath()).isEqualTo("/cgi-bin/webhook/send?key=abc");
        assertThat(first.getUtf8Body()).isEqualTo("{\"msgtype\":\"text\",\"text\":{\"content\":\""
                + "工单 W20260302-000001 联系时限已超时,已升级至城东分公司,请督办。\"}}");
        Outbox.Message waiting = w.outbox().messages(null).get(0);
        assertThat(waiting.status()).isEqualTo("PENDING");
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.nextAttemptAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(waiting.lastError()).contains("proxy error");
        // not before its back-off
        assertThat(w.outbox().deliverDue(T0.plusSeconds(30))).isEqualTo(new Outbox.Run(0, 0, 0));

        http.enqueue(new MockResponse().setResponseCode(200).setBody("{\"errcode\":0,\"errmsg\":\"ok\"}"));
        assertThat(w.outbox().deliverDue(T0.plus(Duration.ofMinutes(1)))).isEqualTo(new Outbox.Run(1, 0, 0));
        assertThat(w.outbox().messages(null).get(0).status()).isEqualTo("SENT");
    }

    @Test
    void anSmsGatewayThatIsDownIsTriedWithBackOffThenGivenUp() throws Exception {
        Wired w = wire(settings(null, null, http.url("/sms/send").toString(), "\"code\"\\s*:\\s*0"));
        w.notifications().send(notice());
        // only the mobile number is texted, not the landline
        assertThat(w.outbox().messages(null)).singleElement()
                .satisfies(m -> assertThat(m.recipient()).isEqualTo("13900001111"));

        http.enqueue(new MockResponse().setResponseCode(503).setBody("busy"));
        assertThat(w.outbox().deliverDue(T0)).isEqualTo(new Outbox.Run(0, 1, 0));
        RecordedRequest request = http.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getHeader("X-Api-Key")).isEqualTo("k1");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(request.getUtf8Body()).isEqualTo("{\"phone\":\"13900001111\",\"text\":\""
                + "工单 W20260302-000001 联系时限已超时,已升级至城东分公司,请督办。\"}");

        http.enqueue(new MockResponse().setResponseCode(200).setBody("{\"code\":17,\"msg\":\"quota\"}"));
        assertThat(w.outbox().deliverDue(T0.plus(Duration.ofMinutes(1)))).isEqualTo(new Outbox.Run(0, 1, 0));
        // the second failure waits twice as long
        assertThat(w.outbox().messages(null).get(0).nextAttemptAt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));

        http.shutdown(); // now nothing listens at all
        assertThat(w.outbox().deliverDue(T0.plus(Duration.ofMinutes(3)))).isEqualTo(new Outbox.Run(0, 0, 1));
        Outbox.Message given = w.outbox().messages(null).get(0);
        assertThat(given.status()).isEqualTo("FAILED");
        assertThat(given.attempts()).isEqualTo(3);
        assertThat(w.meters().counter("warmline.notifications.deliveries", "channel", "sms", "outcome", "failed")
                .count()).isEqualTo(1.0);
        assertThat(w.notifications().unreadCount(manager.id())).isEqualTo(1); // in-app was never in doubt
    }

    @Test
    void aCitizensTextGoesToTheGatewayWithTheFormTemplate() throws Exception {
        NotificationSettings form = new NotificationSettings(new NotificationSettings.Email(null),
                new NotificationSettings.Wecom(null),
                new NotificationSettings.Sms(http.url("/send?to={phone}").toString(), "POST", "mobile={phone}&msg={text}",
                        "application/x-www-form-urlencoded; charset=UTF-8", Map.of(), null),
                new NotificationSettings.Outbox(null, null, null, null), Duration.ofSeconds(2));
        Wired w = wire(form);
        assertThat(w.notifications().citizenTexts()).isTrue();
        assertThat(w.notifications().textCitizen("0086 138-0000-1111", "您的工单已受理 & 谢谢", null, T0)).isTrue();
        assertThat(w.notifications().textCitizen("010-12345678", "landline", null, T0)).isFalse();
        http.enqueue(new MockResponse().setResponseCode(200).setBody("OK"));
        assertThat(w.outbox().deliverDue(T0)).isEqualTo(new Outbox.Run(1, 0, 0));
        RecordedRequest request = http.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getPath()).isEqualTo("/send?to=13800001111");
        assertThat(request.getUtf8Body()).isEqualTo("mobile=13800001111&msg="
                + java.net.URLEncoder.encode("您的工单已受理 & 谢谢", java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void twoRunsNeverSendOneMessageTwice() throws Exception {
        Wired w = wire(settings(null, http.url("/hook").toString(), null, null));
        for (int i = 0; i < 20; i++) {
            w.notifications().send(notice());
        }
        for (int i = 0; i < 20; i++) {
            http.enqueue(new MockResponse().setResponseCode(200).setBody("{\"errcode\":0}"));
        }
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = threads.submit(() -> w.outbox().deliverDue(T0));
            var b = threads.submit(() -> w.outbox().deliverDue(T0));
            assertThat(a.get(30, TimeUnit.SECONDS).sent() + b.get(30, TimeUnit.SECONDS).sent()).isEqualTo(20);
        } finally {
            threads.shutdownNow();
        }
        assertThat(http.getRequestCount()).isEqualTo(20);
        assertThat(w.outbox().messages(null)).allMatch(m -> m.status().equals("SENT") && m.attempts() == 1);
    }
}
