package org.warmline.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.warmline.cases.Case;
import org.warmline.cases.CaseClocks.Kind;
import org.warmline.cases.HistoryEntry;
import org.warmline.persistence.Databases;

import static org.assertj.core.api.Assertions.assertThat;

/** Escalation on H2: steps, levels, history and notifications of a late case, each step once. */
class EscalationsTest {

    private static final Instant T0 = Instant.parse("2025-03-03T00:00:00Z");

    private final EscalationFixture f = new EscalationFixture(Databases.h2());

    @Test
    void aCaseNotContactedIsRaisedToTheBranchThenHqAndManagersAreNotified() {
        Case c = f.complaintDispatched(T0, "T1");
        // contact deadline T0 + 10 min + 2 h
        Instant deadline = T0.plus(Duration.ofMinutes(130));
        assertThat(f.escalations.run(deadline)).isEmpty();

        Instant now = deadline.plus(Duration.ofHours(2)).plusSeconds(1);
        List<Escalation> taken = f.escalations.run(now);
        assertThat(taken).extracting(Escalation::clock, Escalation::step, Escalation::levelUnit).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.CONTACT, 1, "B1"),
                org.assertj.core.groups.Tuple.tuple(Kind.CONTACT, 2, "HQ"));
        assertThat(f.escalations.ofCase(c.id())).isEqualTo(taken);

        List<HistoryEntry> escalated = f.desk.history(c.id()).stream()
                .filter(h -> h.action().equals("ESCALATED")).toList();
        assertThat(escalated).hasSize(2);
        assertThat(escalated.get(0).actor()).isEqualTo(Escalations.ACTOR);
        assertThat(escalated.get(0).note()).contains("CONTACT", "B1 城东分公司");
        assertThat(escalated.get(1).note()).contains("CONTACT", "HQ 总部客户服务部");

        assertThat(f.notifications.unread(f.b1Manager.id())).singleElement()
                .satisfies(n -> assertThat(n.text()).contains(c.caseNo(), "城东分公司"))
                .satisfies(n -> assertThat(n.caseId()).isEqualTo(c.id()));
        assertThat(f.notifications.unread(f.hqManager.id())).hasSize(1);
        assertThat(f.notifications.unread(f.t1Handler.id())).isEmpty();

        // again at the same moment and a little later: nothing new
        assertThat(f.escalations.run(now)).isEmpty();
        assertThat(f.escalations.run(now.plus(Duration.ofHours(1)))).isEmpty();
        // one more allowance: step 3, still HQ
        assertThat(f.escalations.run(deadline.plus(Duration.ofHours(4)).plusSeconds(1)))
                .extracting(Escalation::step, Escalation::levelUnit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, "HQ"));
        assertThat(f.count("select count(*) from escalation")).isEqualTo(3);
        assertThat(f.notifications.unread(f.hqManager.id())).hasSize(2);
    }

    @Test
    void aCaseWithoutUnitGoesToHqAndStopsWhenTheClockStops() {
        Case c = f.complaint(T0);
        Instant late = T0.plus(Duration.ofMinutes(30)).plusSeconds(1);
        assertThat(f.escalations.run(late)).extracting(Escalation::clock, Escalation::levelUnit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.ACCEPTANCE, "HQ"));
        f.desk.dispatch(c.id(), f.desk.find(c.id()).orElseThrow().version(), EscalationFixture.AGENT,
                T0.plus(Duration.ofMinutes(40)), "T1", null);
        // the acceptance clock stopped at dispatch; the contact clock is not late yet
        assertThat(f.escalations.run(T0.plus(Duration.ofMinutes(100)))).isEmpty();
    }

    @Test
    void closedAndOnTimeCasesAreLeftAlone() {
        Case onTime = f.complaintDispatched(T0, "T1");
        Case done = f.complaintDispatched(T0, "T1");
        Instant at = T0.plus(Duration.ofMinutes(20));
        f.desk.withdraw(done.id(), done.version(), EscalationFixture.AGENT, at, "重复登记");
        f.desk.contact(onTime.id(), onTime.version(), EscalationFixture.AGENT, at);
        assertThat(f.escalations.run(T0.plus(Duration.ofHours(6)))).isEmpty();
        assertThat(f.count("select count(*) from notification")).isZero();
    }

    @Test
    void notificationsAreReadOnlyByTheirAccount() {
        f.complaintDispatched(T0, "T1");
        f.escalations.run(T0.plus(Duration.ofHours(3)));
        Notification n = f.notifications.unread(f.b1Manager.id()).get(0);
        assertThat(f.notifications.markRead(n.id(), f.hqManager.id(), T0)).isFalse();
        assertThat(f.notifications.markRead(n.id(), f.b1Manager.id(), T0)).isTrue();
        assertThat(f.notifications.unread(f.b1Manager.id())).isEmpty();
        assertThat(f.notifications.recent(f.b1Manager.id(), 10)).singleElement()
                .satisfies(r -> assertThat(r.readAt()).isEqualTo(T0));
    }
}
