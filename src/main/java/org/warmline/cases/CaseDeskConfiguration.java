package org.warmline.cases;

import java.time.ZoneId;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeLoader;

/**
 * The active scheme and the working-day calendar for the desk (its clocks) — the same ones the assessment uses, so
 * they never disagree. Until scheme versions and calendars are edited in the database these are the shipped defaults; a
 * module that provides its own {@link Scheme} or {@link WorkingCalendar} bean replaces them.
 */
@Configuration(proxyBeanMethods = false)
class CaseDeskConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Scheme activeScheme() {
        return SchemeLoader.defaultScheme();
    }

    @Bean
    @ConditionalOnMissingBean
    WorkingCalendar workingCalendar(Scheme scheme) {
        return WorkingCalendar.shipped(ZoneId.of(scheme.zone()));
    }
}
