package org.warmline.notifications;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox every {@code warmline.notifications.outbox.interval} (fixed delay, default 30 s) under the
 * cluster-wide ShedLock lock {@code notification-outbox}, unless {@code warmline.notifications.outbox.enabled=false}.
 */
@Component
@ConditionalOnProperty(name = "warmline.notifications.outbox.enabled", havingValue = "true", matchIfMissing = true)
class OutboxJob {

    private static final Logger log = LoggerFactory.getLogger(OutboxJob.class);

    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    OutboxJob(Outbox outbox) {
        this.outbox = outbox;
    }

    @Scheduled(fixedDelayString = "${warmline.notifications.outbox.interval:PT30S}",
            initialDelayString = "${warmline.notifications.outbox.initial-delay:PT10S}")
    @SchedulerLock(name = "notification-outbox", lockAtMostFor = "PT10M")
    public void deliver() {
        Outbox.Run run = outbox.deliverDue(clock.instant());
        if (run.sent() + run.retried() + run.gaveUp() > 0) {
            log.info("notifications: {} sent, {} to try again, {} given up", run.sent(), run.retried(), run.gaveUp());
        }
    }
}
