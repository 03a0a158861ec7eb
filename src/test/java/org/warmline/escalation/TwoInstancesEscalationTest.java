package org.warmline.escalation;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.warmline.WarmlineApplication;
import org.warmline.cases.Case;
import org.warmline.persistence.Databases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the application (web servers on random ports: the security configuration needs the web stack) on
 * one PostgreSQL database, each running the escalation job every 200 ms and, on
 * top of that, two threads each calling it at the same moment: every step is taken exactly once (one escalation row,
 * one history line, one notification per manager), and thanks to the ShedLock lock no run even collides with another
 * on the unique constraint.
 */
class TwoInstancesEscalationTest {

    @Test
    void everyStepIsTakenExactlyOnceByTwoInstances() throws Exception {
        DataSource db = Databases.postgres();
        EscalationFixture f = new EscalationFixture(db);
        Instant submitted = Instant.now().minus(Duration.ofMinutes(260));
        // dispatched at +10 min, contact deadline +2 h 10 min: now is 2 h 10 min past it, so steps 1 (B1) and 2 (HQ)
        Case c = f.complaintDispatched(submitted, "T1");

        String[] args = args(db);
        List<ConfigurableApplicationContext> instances = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            instances.add(start(args));
            instances.add(start(args));
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> calls = new ArrayList<>();
            for (ConfigurableApplicationContext instance : instances) {
                EscalationJob job = instance.getBean(EscalationJob.class);
                for (int i = 0; i < 2; i++) {
                    calls.add(threads.submit(() -> {
                        go.await();
                        job.escalate();
                        return null;
                    }));
                }
            }
            go.countDown();
            for (Future<?> call : calls) {
                call.get(60, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (f.count("select count(*) from escalation") < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1500); // more scheduled rounds on both instances
            long runs = 0;
            for (ConfigurableApplicationContext instance : instances) {
                runs += instance.getBean(EscalationJob.class).runs();
                assertThat(instance.getBean(Escalations.class).conflicts()).isZero();
            }
            assertThat(runs).isGreaterThan(2);
        } finally {
            threads.shutdownNow();
            instances.forEach(ConfigurableApplicationContext::close);
        }

        assertThat(f.escalations.ofCase(c.id())).extracting(Escalation::step, Escalation::levelUnit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "B1"),
                        org.assertj.core.groups.Tuple.tuple(2, "HQ"));
        assertThat(f.count("select count(*) from escalation")).isEqualTo(2);
        assertThat(f.count("select count(*) from case_history where action = 'ESCALATED'")).isEqualTo(2);
        assertThat(f.count("select count(*) from notification")).isEqualTo(2);
        assertThat(f.count("select count(*) from shedlock where name = 'escalation'")).isEqualTo(1);
        assertThat(f.notifications.unread(f.b1Manager.id())).hasSize(1);
        assertThat(f.notifications.unread(f.hqManager.id())).hasSize(1);
    }

    @Test
    void withoutTheLockTheUniqueConstraintStillTakesEachStepOnce() throws Exception {
        DataSource db = Databases.postgres();
        EscalationFixture f = new EscalationFixture(db);
        Instant t0 = Instant.parse("2025-03-03T00:00:00Z");
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cases.add(f.complaintDispatched(t0, "T1"));
        }
        Instant now = t0.plus(Duration.ofMinutes(130 + 240)).plusSeconds(1); // steps 1, 2 of CONTACT, then a reminder
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(threads.submit(() -> {
                    go.await();
                    return f.escalations.run(now).size();
                }));
            }
            go.countDown();
            int taken = 0;
            for (Future<Integer> call : calls) {
                taken += call.get(60, TimeUnit.SECONDS);
            }
            assertThat(taken).isEqualTo(10);
        } finally {
            threads.shutdownNow();
        }
        assertThat(f.count("select count(*) from escalation")).isEqualTo(10);
        assertThat(f.count("select count(*) from case_history where action = 'ESCALATED'")).isEqualTo(10);
        // one reminder per case to HQ's manager (at the top), however many runs raced for it
        assertThat(f.count("select count(*) from escalation_reminder")).isEqualTo(5);
        assertThat(f.count("select count(*) from notification")).isEqualTo(15);
    }

    private static ConfigurableApplicationContext start(String[] args) {
        return new SpringApplicationBuilder(WarmlineApplication.class).web(WebApplicationType.SERVLET).run(args);
    }

    private static String[] args(DataSource db) throws SQLException {
        try (Connection connection = db.getConnection()) {
            var meta = connection.getMetaData();
            return new String[] {"--spring.datasource.url=" + meta.getURL(),
                    "--spring.datasource.username=" + meta.getUserName(), "--spring.datasource.password=",
                    "--warmline.escalation.enabled=true", "--warmline.escalation.interval=PT0.2S",
                    "--spring.main.banner-mode=off", "--server.port=0"};
        }
    }
}
