package org.warmline.cases;

import java.util.concurrent.Executor;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.warmline.administration.Calendars;
import org.warmline.administration.SchemeVersions;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.scheme.Scheme;

/**
 * A {@link Scheme} and a {@link WorkingCalendar} bean for code that only needs the zone or a scheme's fixed settings:
 * the version in force and the calendar as they were when the application started. The zone never changes (a scheme
 * version may not change it); anything else may, so what depends on the day or the period — clocks, deadlines, scores
 * — asks {@link SchemeVersions#forDay}/{@link SchemeVersions#forPeriod} and {@link Calendars#current()} instead, as
 * {@link CaseClocks} does. And the desk's {@link CaseDatabase}, chosen once at start-up.
 */
@Configuration(proxyBeanMethods = false)
class CaseDeskConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Scheme activeScheme(SchemeVersions versions) {
        return versions.today().scheme();
    }

    @Bean
    @ConditionalOnMissingBean
    WorkingCalendar workingCalendar(Calendars calendars) {
        return calendars.current();
    }

    /**
     * What the desk does differently on its database, chosen once here; the parts of a read that go on at once run on
     * the application's task executor.
     */
    @Bean
    CaseDatabase caseDatabase(DataSource dataSource, PlatformTransactionManager transactions,
                              @Qualifier("applicationTaskExecutor") Executor executor) {
        return CaseDatabase.of(dataSource, transactions, executor);
    }
}
