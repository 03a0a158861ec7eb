package org.warmline.citizen;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.warmline.cases.Case;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.HistoryEntry;
import org.warmline.cases.RegisterCommand;
import org.warmline.cases.Texts;
import org.warmline.evaluation.CallbackAttempts;
import org.warmline.evaluation.CallbackOutcome;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.Post;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.notifications.Outbox;
import org.warmline.organization.OrganizationStore;
import org.warmline.security.Account;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The desk's texts to citizens with SMS on (a real HTTP server as the gateway): the tracking link at registration (a
 * hotline caller too), a complex case's plan, the survey link at completion and after unanswered callbacks; each
 * through the outbox, each a line of the case's history with the phone masked and no token; each link a working
 * tracking link of the case. A landline gets no text.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:citizen-messages;DB_CLOSE_DELAY=-1",
        "warmline.citizen.public-url=https://rexian.example.com/", "warmline.citizen.sms-signature=【暖线热力】"})
class CitizenMessagesTest {

    static final MockWebServer GATEWAY = new MockWebServer();

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry properties) throws IOException {
        GATEWAY.start();
        properties.add("warmline.notifications.sms.url", () -> GATEWAY.url("/sms").toString());
    }

    @AfterAll
    static void stop() throws IOException {
        GATEWAY.shutdown();
    }

    @Autowired
    CaseDesk desk;
    @Autowired
    Outbox outbox;
    @Autowired
    TrackingTokens tokens;
    @Autowired
    CallbackAttempts attempts;
    @Autowired
    OrganizationStore organization;
    @Autowired
    AccountStore accounts;
    @Autowired
    Texts texts;

    private static final Pattern LINK = Pattern.compile("https://rexian\\.example\\.com/public/track/([A-Za-z0-9_-]{43})");

    private List<Outbox.Message> texts(Case c) {
        return outbox.messages(c.id().value());
    }

    private String token(String body) {
        Matcher m = LINK.matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }

    private List<String> messageLines(Case c) {
        return desk.history(c.id()).stream().filter(h -> h.action().equals("MESSAGE")).map(HistoryEntry::text)
                .map(t -> texts.show(t, java.util.Locale.SIMPLIFIED_CHINESE)).toList();
    }

    @Test
    void citizensGetTheirLinksThePlanAndTheSurveyByText() throws Exception {
        String team = "MT" + System.nanoTime() % 100000;
        organization.saveAll(List.of(new Unit(team, "短信测试班", UnitKind.TEAM, null)),
                List.of(new Staff(team + "S", "孙管家", Post.STEWARD, team)));
        Account agent = accounts.create("sms-agent-" + team, "secret password", Role.AGENT, null, null);
        Account handler = accounts.create("sms-handler-" + team, "secret password", Role.HANDLER, team + "S", team);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS); // stored times keep whole seconds here

        // a hotline caller gets the tracking link
        Case c = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, true, "OUTAGE", "周先生",
                "+86 139-1234-5678", "幸福小区8号楼", "整栋楼停热", null, now.minus(Duration.ofHours(3)), null), agent,
                now.minus(Duration.ofHours(3)));
        assertThat(texts(c)).singleElement().satisfies(m -> {
            assertThat(m.channel()).isEqualTo("sms");
            assertThat(m.recipient()).isEqualTo("13912345678");
            assertThat(m.body()).startsWith("【暖线热力】您的诉求已登记,工单号 " + c.caseNo() + "。查看办理进度:https://rexian");
        });
        String registered = token(texts(c).get(0).body());
        assertThat(tokens.find(registered, now)).get().extracting(TrackingTokens.Tracked::caseId).isEqualTo(c.id());
        assertThat(messageLines(c)).singleElement().asString()
                .startsWith("短信至 139****5678:【暖线热力】您的诉求已登记")
                .endsWith("/public/track/…").doesNotContain(registered);

        // the plan of the complex case, then the survey at completion
        Case handled = desk.dispatch(c.id(), c.version(), agent, now.minus(Duration.ofHours(2)), team, team + "S");
        handled = desk.contact(handled.id(), handled.version(), handler, now.minus(Duration.ofHours(2)));
        handled = desk.giveSolution(handled.id(), handled.version(), handler, now.minus(Duration.ofHours(1)),
                "今晚更换8号楼立管阀门,明早恢复供热");
        assertThat(texts(c)).hasSize(2).last().satisfies(m -> assertThat(m.body()).isEqualTo(
                "【暖线热力】您反映的问题(工单号 " + c.caseNo() + ")已制定处理计划:今晚更换8号楼立管阀门,明早恢复供热。我们将按计划推进,并及时告知进展。"));
        Case done = desk.complete(handled.id(), handled.version(), handler, now.minus(Duration.ofMinutes(30)), true);
        Outbox.Message survey = texts(c).get(2);
        assertThat(survey.body()).contains("已办结", "问题是否已解决");
        assertThat(tokens.find(token(survey.body()), now)).isPresent();

        // three unanswered callbacks: the survey link once more
        for (int i = 0; i < 3; i++) {
            Case current = desk.find(c.id()).orElseThrow();
            attempts.record(current.id(), current.version(), agent,
                    now.minus(Duration.ofMinutes(29)).plus(Duration.ofHours(4L * i)), CallbackOutcome.NO_ANSWER,
                    now.plus(Duration.ofHours(9)));
        }
        assertThat(texts(c)).hasSize(4).last().satisfies(m -> assertThat(m.body()).contains("多次致电未能联系到您"));
        assertThat(messageLines(c)).hasSize(4);

        // delivered through the gateway by the outbox
        for (int i = 0; i < 4; i++) {
            GATEWAY.enqueue(new MockResponse().setResponseCode(200).setBody("{\"code\":0}"));
        }
        outbox.deliverDue(now.plus(Duration.ofHours(10)));
        RecordedRequest first = GATEWAY.takeRequest(5, TimeUnit.SECONDS);
        assertThat(first.getUtf8Body()).contains("\"phone\":\"13912345678\"", "您的诉求已登记");
        assertThat(texts(c)).allMatch(m -> m.status().equals("SENT"));

        // a landline gets nothing
        Case landline = desk.registerByAgent(new RegisterCommand(Channel.HOTLINE, Category.COMPLAINT, false, "LEAK",
                "吴女士", "010-62345678", "幸福小区9号楼", "漏水", null, now, null), agent, now);
        assertThat(texts(landline)).isEmpty();
        assertThat(messageLines(landline)).isEmpty();
        assertThat(done.state()).isNotNull();
    }
}
