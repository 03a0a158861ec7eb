package org.warmline.escalation;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The scheduled escalation run: every {@code warmline.escalation.interval} (fixed delay, default one minute), under the
 * cluster-wide ShedLock lock {@code escalation}, so that of several instances on one database only one runs at a time
 * (the others skip that round).
 */
class EscalationJob {

    private static final Logger log = LoggerFactory.getLogger(EscalationJob.class);

    private final Escalations escalations;
    private final Clock clock;
    private final AtomicLong runs = new AtomicLong();

    EscalationJob(Escalations escalations, Clock clock) {
        this.escalations = escalations;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${warmline.escalation.interval:PT1M}",
            initialDelayString = "${warmline.escalation.initial-delay:PT0S}")
    @SchedulerLock(name = "escalation", lockAtMostFor = "${warmline.escalation.lock-at-most-for:PT10M}")
    public void escalate() {
        runs.incrementAndGet();
        Escalations.Run run = escalations.runWithReminders(clock.instant());
        if (!run.steps().isEmpty() || run.reminders() > 0) {
            log.info("escalation: {} level(s) reached, {} reminder(s) sent", run.steps().size(), run.reminders());
        }
    }

    /** How many times this instance actually ran (held the lock). */
    long runs() {
        return runs.get();
    }
}
