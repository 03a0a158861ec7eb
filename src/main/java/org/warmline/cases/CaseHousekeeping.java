package org.warmline.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What the desk does by itself, every {@code warmline.cases.housekeeping.interval} (default 10 min) under the
 * cluster-wide ShedLock lock {@code case-housekeeping}, unless {@code warmline.cases.housekeeping.enabled=false}:
 * settles the consultations whose follow-up window has passed ({@link CaseDesk#settleFollowUpWindows}) and closes the
 * EVALUATED cases evaluated {@code warmline.cases.auto-close-days} (default 7) days ago
 * ({@link CaseDesk#closeEvaluated}). Both are idempotent: a second run, or a second instance, finds nothing to do.
 * On start it also fills the amber instant of open cases saved before the desk kept it.
 */
@Component
@ConditionalOnProperty(name = "warmline.cases.housekeeping.enabled", havingValue = "true", matchIfMissing = true)
class CaseHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(CaseHousekeeping.class);

    private final CaseDesk desk;
    private final CaseRepository cases;
    private final Duration closeAfter;
    private final Clock clock = Clock.systemUTC();

    CaseHousekeeping(CaseDesk desk, CaseRepository cases,
                     @Value("${warmline.cases.auto-close-days:7}") int autoCloseDays) {
        if (autoCloseDays < 1) {
            throw new IllegalArgumentException("warmline.cases.auto-close-days must be at least 1: " + autoCloseDays);
        }
        this.desk = desk;
        this.cases = cases;
        this.closeAfter = Duration.ofDays(autoCloseDays);
    }

    @EventListener(ApplicationReadyEvent.class)
    void fillAmber() {
        int filled = cases.refreshMissingAmber();
        if (filled > 0) {
            log.info("amber instant filled for {} open cases", filled);
        }
    }

    @Scheduled(fixedDelayString = "${warmline.cases.housekeeping.interval:PT10M}",
            initialDelayString = "${warmline.cases.housekeeping.initial-delay:PT1M}")
    @SchedulerLock(name = "case-housekeeping", lockAtMostFor = "PT30M")
    public void run() {
        Instant now = clock.instant();
        int settled = desk.settleFollowUpWindows(now).size();
        int closed = desk.closeEvaluated(now, closeAfter).size();
        if (settled + closed > 0) {
            log.info("housekeeping: {} consultation(s) settled, {} evaluated case(s) closed", settled, closed);
        }
    }
}
