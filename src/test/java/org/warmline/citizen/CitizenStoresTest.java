package org.warmline.citizen;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.cases.Case;
import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseRepository;
import org.warmline.cases.OnlineCommand;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeLoader;
import org.warmline.persistence.Databases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The citizens' tables on H2 and PostgreSQL: tracking tokens stored hashed, found only when intact and unexpired,
 * surveyed once; abuse counters that count all three keys or none and hold per day.
 */
class CitizenStoresTest {

    private static final Scheme SCHEME = SchemeLoader.defaultScheme();
    private static final WorkingCalendar CALENDAR = WorkingCalendar.shipped(ZoneId.of("Asia/Shanghai"));
    private static final CitizenSettings SETTINGS = new CitizenSettings(2, 3, 4, 90, 365, null, null);

    private record Fixture(JdbcClient jdbc, CaseDesk desk, TrackingTokens tokens, SubmissionLimits limits) {
    }

    private static Fixture fixture(DataSource ds) {
        JdbcClient jdbc = JdbcClient.create(ds);
        JdbcTransactionManager transactions = new JdbcTransactionManager(ds);
        CaseClocks clocks = new CaseClocks(SCHEME, CALENDAR, 0.8);
        CaseDesk desk = new CaseDesk(new CaseRepository(jdbc, clocks, Databases.caseDatabase(ds)), clocks, transactions,
                event -> { });
        return new Fixture(jdbc, desk, new TrackingTokens(jdbc, SETTINGS),
                new SubmissionLimits(jdbc, SETTINGS, CALENDAR, transactions));
    }

    private static Case online(CaseDesk desk, Instant now) {
        return desk.registerOnline(new OnlineCommand(UUID.randomUUID().toString(), Channel.WECHAT, null,
                Category.COMPLAINT, false, "TEMPERATURE", "王女士", "13800001111", "幸福小区1号楼", "不热", null, null),
                now);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void tokensAreStoredHashedFoundIntactAndSurveyedOnce(String name, Supplier<DataSource> database) {
        Fixture f = fixture(database.get());
        Instant now = Instant.parse("2026-01-10T02:00:00Z");
        Case c = online(f.desk(), now);
        String token = f.tokens().issue(c.id(), now);
        String other = f.tokens().issue(online(f.desk(), now).id(), now);
        assertThat(token).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(other);
        assertThat(f.jdbc().sql("select token_hash from citizen_token where case_id = ?").param(c.id().value())
                .query(String.class).single()).isEqualTo(Hashes.sha256(token)).isNotEqualTo(token);

        TrackingTokens.Tracked found = f.tokens().find(token, now).orElseThrow();
        assertThat(found.caseId()).isEqualTo(c.id());
        assertThat(found.expiresAt()).isEqualTo(now.plus(Duration.ofDays(365)));
        assertThat(f.tokens().find(token.substring(0, 42) + (token.endsWith("A") ? "B" : "A"), now)).isEmpty();
        assertThat(f.tokens().find(null, now)).isEmpty();

        Instant completed = now.plus(Duration.ofDays(3));
        f.tokens().expireAfterClosing(c.id(), completed);
        Instant expiry = completed.plus(Duration.ofDays(90));
        assertThat(f.tokens().find(token, expiry.minusSeconds(1))).isPresent();
        assertThat(f.tokens().find(token, expiry)).isEmpty();
        assertThat(f.tokens().find(other, expiry)).isPresent(); // another case's link is not touched

        assertThat(f.tokens().markSurveyed(found.id(), completed)).isTrue();
        assertThat(f.tokens().markSurveyed(found.id(), completed.plusSeconds(5))).isFalse();
        assertThat(f.tokens().find(token, completed).orElseThrow().surveyedAt()).isEqualTo(completed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void limitsCountAllKeysOrNoneAndStartAgainTheNextDay(String name, Supplier<DataSource> database) {
        Fixture f = fixture(database.get());
        // 23:30 in Shanghai on 10 January; the next day starts half an hour later
        Instant late = Instant.parse("2026-01-10T15:30:00Z");
        f.limits().count("138 0000 1111", "幸福小区 1号楼", "10.0.0.1", late);
        f.limits().count("+86 13800001111", "幸福小区1号楼", "10.0.0.2", late);
        assertThat(f.limits().countedForPhone("13800001111", late)).isEqualTo(2);
        assertThatThrownBy(() -> f.limits().count("13800001111", "别的地址", "10.0.0.3", late))
                .isInstanceOfSatisfying(SubmissionLimits.LimitReached.class, e -> {
                    assertThat(e.kind()).isEqualTo(SubmissionLimits.Kind.PHONE);
                    assertThat(e.limit()).isEqualTo(2);
                });
        // the refused submission counted nothing: the address and client of it are still at zero
        f.limits().count("13900002222", "别的地址", "10.0.0.3", late);
        f.limits().count("13900003333", "别的地址", "10.0.0.3", late);
        f.limits().count("13900004444", "别的地址", "10.0.0.3", late);
        assertThatThrownBy(() -> f.limits().count("13900005555", "别的地址", "10.0.0.9", late))
                .isInstanceOfSatisfying(SubmissionLimits.LimitReached.class,
                        e -> assertThat(e.kind()).isEqualTo(SubmissionLimits.Kind.ADDRESS));
        f.limits().count("13900006666", "第三个地址", "10.0.0.3", late);
        assertThatThrownBy(() -> f.limits().count("13900007777", "第四个地址", "10.0.0.3", late))
                .isInstanceOfSatisfying(SubmissionLimits.LimitReached.class,
                        e -> assertThat(e.kind()).isEqualTo(SubmissionLimits.Kind.CLIENT));

        Instant nextDay = late.plus(Duration.ofMinutes(31));
        f.limits().count("13800001111", "幸福小区1号楼", "10.0.0.3", nextDay);
        assertThat(f.limits().countedForPhone("13800001111", nextDay)).isEqualTo(1);
        // no key is kept in clear
        assertThat(f.jdbc().sql("select count(*) from citizen_submission_count where key_hash like '%1380000%' "
                + "or key_hash like '%10.0.0%'").query(Long.class).single()).isZero();
    }
}
