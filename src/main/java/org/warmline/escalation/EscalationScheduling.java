package org.warmline.escalation;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The escalation job, unless {@code warmline.escalation.enabled=false} (scheduling and its ShedLock lock: the
 * {@code jobs} module).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "warmline.escalation.enabled", havingValue = "true", matchIfMissing = true)
class EscalationScheduling {

    @Bean
    EscalationJob escalationJob(Escalations escalations) {
        return new EscalationJob(escalations, Clock.systemUTC());
    }
}
