package org.warmline.escalation;

import java.time.Clock;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The escalation job and its lock, unless {@code warmline.escalation.enabled=false}: scheduling, and ShedLock on the
 * application's database (table {@code shedlock} of V1) using the database's clock, so instances with skewed clocks
 * still agree on when a lock expires.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "warmline.escalation.enabled", havingValue = "true", matchIfMissing = true)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class EscalationScheduling {

    @Bean
    LockProvider escalationLockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("shedlock")
                .usingDbTime()
                .build());
    }

    @Bean
    EscalationJob escalationJob(Escalations escalations) {
        return new EscalationJob(escalations, Clock.systemUTC());
    }
}
