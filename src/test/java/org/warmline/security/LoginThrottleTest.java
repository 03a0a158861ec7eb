package org.warmline.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttle on H2 and PostgreSQL with a clock of its own: delays start at the fifth failure of a name from an
 * address and double up to the longest (1, 2, 4, 8, 15, 15 minutes), per name and address; a success or a day without
 * failure forgets them; the table keeps the name only as its hash.
 */
class LoginThrottleTest {

    /** A clock the test moves. */
    private static final class Moving extends Clock {
        Instant now = Instant.parse("2026-11-28T02:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void delaysGrowPerNameAndAddressAndAreForgotten(String name, Supplier<DataSource> database) {
        JdbcClient jdbc = JdbcClient.create(database.get());
        Moving clock = new Moving();
        LoginThrottle throttle = new LoginThrottle(jdbc, new LoginPolicy(5, 15, 10), clock);

        List<Long> waits = new ArrayList<>();
        for (int failure = 1; failure <= 10; failure++) {
            assertThat(throttle.waiting("admin", "203.0.113.7")).as("failure %d", failure).isEmpty();
            Duration wait = throttle.failed("admin", "203.0.113.7");
            waits.add(wait.toMinutes());
            if (!wait.isZero()) {
                assertThat(throttle.waiting("admin", "203.0.113.7")).contains(wait);
                assertThat(throttle.blockedUntil("admin")).contains(clock.now.plus(wait));
                clock.now = clock.now.plus(wait).plusSeconds(1);
            }
        }
        assertThat(waits).containsExactly(0L, 0L, 0L, 0L, 1L, 2L, 4L, 8L, 15L, 15L);
        assertThat(throttle.waiting("admin", "10.0.0.1")).as("another address").isEmpty();
        assertThat(throttle.waiting("Admin", "203.0.113.7")).as("another name").isEmpty();
        assertThat(jdbc.sql("select count(*) from login_throttle where name_hash = 'admin'").query(Long.class)
                .single()).isZero();

        throttle.failed("admin", "203.0.113.7");
        assertThat(throttle.waiting("admin", "203.0.113.7")).isPresent();
        throttle.succeeded("admin", "203.0.113.7");
        assertThat(throttle.waiting("admin", "203.0.113.7")).isEmpty();
        assertThat(throttle.failed("admin", "203.0.113.7")).as("counted from one again").isZero();

        for (int i = 0; i < 4; i++) {
            throttle.failed("clerk", "10.0.0.2");
        }
        clock.now = clock.now.plus(Duration.ofDays(1)).plusSeconds(1);
        assertThat(throttle.failed("clerk", "10.0.0.2")).as("a day later the count starts again").isZero();
        throttle.forget("admin");
        assertThat(throttle.failed("admin", "203.0.113.7")).isZero();
    }
}
