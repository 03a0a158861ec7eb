package org.warmline.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.warmline.cases.Case;
import org.warmline.cases.CaseClocks.Kind;
import org.warmline.cases.HistoryEntry;
import org.warmline.cases.Texts;
import org.warmline.notifications.Notification;
import org.warmline.persistence.Databases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Escalation on H2: levels, history and notifications of a late case, each level once, then reminders. */
class EscalationsTest {

    /** Monday 3 March 2025, 08:00 in Shanghai: a working day. */
    private static final Instant T0 = Instant.parse("2025-03-03T00:00:00Z");

    private final EscalationFixture f = new EscalationFixture(Databases.h2());
    private final Texts texts = new Texts(EscalationFixture.messages());

    @Test
    void aCaseNotContactedIsRaisedToTheBranchThenHqAndManagersAreNotified() {
        Case c = f.complaintDispatched(T0, "T1");
        // contact deadline T0 + 10 min + 2 h
        Instant deadline = T0.plus(Duration.ofMinutes(130));
        assertThat(f.escalations.run(deadline)).isEmpty();

        Instant now = deadline.plus(Duration.ofHours(2)).plusSeconds(1);
        List<Escalation> taken = f.escalations.run(now);
        assertThat(taken).extracting(Escalation::clock, Escalation::step, Escalation::levelUnit).containsExactly(
                tuple(Kind.CONTACT, 1, "B1"), tuple(Kind.CONTACT, 2, "HQ"));
        assertThat(f.escalations.ofCase(c.id())).isEqualTo(taken);

        List<HistoryEntry> escalated = f.desk.history(c.id()).stream()
                .filter(h -> h.action().equals("ESCALATED")).toList();
        assertThat(escalated).hasSize(2);
        assertThat(escalated.get(0).actor()).isEqualTo(Escalations.ACTOR);
        assertThat(texts.show(escalated.get(0).text(), Locale.SIMPLIFIED_CHINESE)).isEqualTo("联系时限超时,升级至城东分公司");
        assertThat(texts.show(escalated.get(1).text(), Locale.ENGLISH)).isEqualTo("Contact late: escalated to 总部客户服务部 (HQ)");

        assertThat(f.notifications.unread(f.b1Manager.id())).singleElement()
                .satisfies(n -> assertThat(texts.show(n.text(), Locale.SIMPLIFIED_CHINESE))
                        .isEqualTo("工单 " + c.caseNo() + " 联系时限已超时,已升级至城东分公司,请督办。"))
                .satisfies(n -> assertThat(n.caseId()).isEqualTo(c.id()))
                .satisfies(n -> assertThat(n.caseNo()).isEqualTo(c.caseNo()));
        assertThat(f.notifications.unread(f.hqManager.id())).hasSize(1);
        assertThat(f.notifications.unread(f.t1Handler.id())).isEmpty();

        // again at the same moment and a little later: nothing new
        assertThat(f.escalations.run(now)).isEmpty();
        assertThat(f.escalations.run(now.plus(Duration.ofHours(1)))).isEmpty();
        // one more allowance: the top is reached, so no step but a reminder to HQ's manager (a notice, no history)
        Escalations.Run third = f.escalations.runWithReminders(deadline.plus(Duration.ofHours(4)).plusSeconds(1));
        assertThat(third.steps()).isEmpty();
        assertThat(third.reminders()).isEqualTo(1);
        assertThat(f.count("select count(*) from escalation")).isEqualTo(2);
        assertThat(f.count("select count(*) from case_history where action = 'ESCALATED'")).isEqualTo(2);
        assertThat(f.notifications.unread(f.hqManager.id())).hasSize(2).first()
                .satisfies(n -> assertThat(n.text().key()).isEqualTo("notification.reminder"));
        assertThat(f.notifications.unread(f.b1Manager.id())).hasSize(1);
        // more allowances the same working day: no second reminder
        assertThat(f.escalations.runWithReminders(deadline.plus(Duration.ofHours(8)).plusSeconds(1)).reminders())
                .isZero();
        // the next working day: one more
        assertThat(f.escalations.runWithReminders(T0.plus(Duration.ofDays(1)).plusSeconds(60)).reminders())
                .isEqualTo(1);
        assertThat(f.count("select count(*) from escalation_reminder")).isEqualTo(2);
    }

    @Test
    void aCaseNinetyDaysLateHasAtMostDepthEscalatedLinesAndOneReminderAWorkingDay() {
        Case c = f.complaintDispatched(T0, "T1");
        Instant ninetyDays = T0.plus(Duration.ofDays(90));
        // the job runs every minute of the first hour, then once a day for the rest
        for (int minute = 0; minute < 60; minute++) {
            f.escalations.runWithReminders(ninetyDays.plusSeconds(60L * minute));
        }
        for (int day = 1; day <= 10; day++) {
            f.escalations.runWithReminders(ninetyDays.plus(Duration.ofDays(day)));
        }
        // contact and handling are late; the chain T1 → B1 → HQ has two levels above T1
        int depth = EscalationPlan.depth(f.escalations.unitChain("T1"));
        assertThat(depth).isEqualTo(2);
        assertThat(f.count("select count(*) from case_history where action = 'ESCALATED' and case_id = ?",
                c.id().value())).isEqualTo(2L * depth);
        long workingDays = java.util.stream.IntStream.rangeClosed(0, 10)
                .mapToObj(d -> EscalationFixture.CALENDAR.date(ninetyDays.plus(Duration.ofDays(d)).toEpochMilli()))
                .filter(EscalationFixture.CALENDAR::isWorkingDay).count();
        assertThat(f.count("select count(*) from escalation_reminder where case_id = ?", c.id().value()))
                .isEqualTo(workingDays);
        assertThat(f.notifications.unread(f.hqManager.id())).hasSize((int) workingDays + 2);
    }

    @Test
    void aCaseWithoutUnitGoesToHqAndStopsWhenTheClockStops() {
        Case c = f.complaint(T0);
        Instant late = T0.plus(Duration.ofMinutes(30)).plusSeconds(1);
        assertThat(f.escalations.run(late)).extracting(Escalation::clock, Escalation::levelUnit)
                .containsExactly(tuple(Kind.ACCEPTANCE, "HQ"));
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
        assertThat(f.notifications.unreadCount(f.b1Manager.id())).isZero();
        assertThat(f.notifications.recent(f.b1Manager.id(), 10)).singleElement()
                .satisfies(r -> assertThat(r.readAt()).isEqualTo(T0));
    }
}
