package org.warmline.webhooks;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers the webhooks due every {@code warmline.webhooks.interval} (fixed delay, default 10 s) under the
 * cluster-wide ShedLock lock {@code webhook-deliveries}, unless {@code warmline.webhooks.enabled=false}.
 */
@Component
@ConditionalOnProperty(name = "warmline.webhooks.enabled", havingValue = "true", matchIfMissing = true)
class WebhookJob {

    private static final Logger log = LoggerFactory.getLogger(WebhookJob.class);

    private final WebhookDeliveries deliveries;
    private final Clock clock = Clock.systemUTC();

    WebhookJob(WebhookDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Scheduled(fixedDelayString = "${warmline.webhooks.interval:PT10S}",
            initialDelayString = "${warmline.webhooks.initial-delay:PT10S}")
    @SchedulerLock(name = "webhook-deliveries", lockAtMostFor = "PT10M")
    public void deliver() {
        WebhookDeliveries.Run run = deliveries.deliverDue(clock.instant());
        if (run.delivered() + run.retried() + run.gaveUp() > 0) {
            log.info("webhooks: {} delivered, {} to try again, {} given up", run.delivered(), run.retried(),
                    run.gaveUp());
        }
    }
}
