package org.warmline.cases;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one online intake costs the database: on PostgreSQL exactly one statement in autocommit (the case, its number
 * and its registration line), and a repeated idempotency key one failing statement and one look-up, never a second
 * case. On H2 the same results through the transactional path.
 */
class IntakeStatementsTest {

    /** Every statement executed and every commit/rollback, in order, through a wrapped DataSource. */
    static final class Counting {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final DataSource dataSource;

        Counting(DataSource target) {
            this.dataSource = proxy(DataSource.class, target, (method, result) -> result instanceof Connection c
                    ? proxy(Connection.class, c, this::connection) : result);
        }

        private Object connection(java.lang.reflect.Method method, Object result) {
            switch (method.getName()) {
                case "commit", "rollback" -> calls.add(method.getName());
                default -> { }
            }
            return result instanceof Statement s ? proxy(interfaceOf(s), s, this::statement) : result;
        }

        private Object statement(java.lang.reflect.Method method, Object result) {
            if (method.getName().startsWith("execute")) {
                calls.add("statement");
            }
            return result;
        }

        private static Class<? extends Statement> interfaceOf(Statement s) {
            return s instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                    : s instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
        }

        @SuppressWarnings("unchecked")
        private static <T> T proxy(Class<T> type, Object target, java.util.function.BiFunction<java.lang.reflect.Method,
                Object, Object> after) {
            InvocationHandler handler = (p, method, args) -> {
                Object result;
                try {
                    result = method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    after.apply(method, null); // counted even when it failed
                    throw e.getCause();
                }
                return after.apply(method, result);
            };
            return (T) Proxy.newProxyInstance(IntakeStatementsTest.class.getClassLoader(), new Class<?>[] {type},
                    handler);
        }
    }

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(DeskFixture.SHANGHAI).toInstant();
    }

    private static OnlineCommand online(String key) {
        return new OnlineCommand(key, Channel.WECHAT, null, Category.COMPLAINT, false, "室温不达标", "王女士",
                "13800001111", "幸福小区3-2-501", "室温只有14度", null, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void anOnlineIntakeIsOneStatementOnPostgresqlAndARepeatedKeyMakesNoSecondCase(String db,
                                                                                Supplier<DataSource> database) {
        Counting counting = new Counting(database.get());
        DeskFixture f = new DeskFixture(counting.dataSource);
        f.desk.submitOnline(online("warm-up"), at("2026-01-12T09:00")); // the repository looks up its sequence once
        counting.calls.clear();

        Instant now = at("2026-01-12T09:30");
        CaseDesk.OnlineIntake first = f.desk.submitOnline(online("wx-0001"), now);
        List<String> made = List.copyOf(counting.calls);
        counting.calls.clear();
        CaseDesk.OnlineIntake again = f.desk.submitOnline(online("wx-0001"), now.plusSeconds(5));
        List<String> repeated = List.copyOf(counting.calls);

        if (db.equals("PostgreSQL")) {
            assertThat(made).as("one statement, autocommit (no commit call)").containsExactly("statement");
            assertThat(repeated).as("the insert refused by the key, then the look-up").containsExactly("statement",
                    "statement");
        } else {
            assertThat(made).contains("commit");
        }
        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        Case c = first.caseFiled();
        assertThat(again.caseFiled().id()).isEqualTo(c.id());
        assertThat(c.caseNo()).isEqualTo("W20260112-" + String.format("%06d", c.id().value()));
        assertThat(f.repository.findByCaseNo(c.caseNo())).map(Case::id).contains(c.id());
        assertThat(f.jdbc.sql("select count(*) from petition_case where idempotency_key = 'wx-0001'")
                .query(Long.class).single()).isEqualTo(1L);
        assertThat(f.repository.history(c.id())).singleElement().satisfies(h -> {
            assertThat(h.action()).isEqualTo("REGISTER");
            assertThat(h.actor()).isEqualTo(CaseDesk.CITIZEN);
            assertThat(h.after()).isEqualTo("SUBMITTED");
            assertThat(h.at()).isEqualTo(now);
        });
        assertThat(f.events).last().isEqualTo(new CaseEvent.CaseRegistered(c.id(), c.caseNo(), CaseDesk.CITIZEN,
                now, Channel.WECHAT));
        assertThat(f.events).hasSize(2); // the warm-up's and the first's; the repeat publishes nothing
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.warmline.persistence.Databases#both")
    void aGivenCaseNumberIsKeptAndLargeIdsAreNotCut(String db, Supplier<DataSource> database) {
        DeskFixture f = new DeskFixture(database.get());
        Case given = Case.submitted(new CaseIntake(Channel.HOTLINE, Category.COMPLAINT, false, "LEAK", null, null,
                null, null, null, at("2026-01-12T09:00"), "X-1"), at("2026-01-12T09:01"), null, null);
        f.repository.insert(given);
        assertThat(f.repository.findById(given.id())).map(Case::caseNo).contains("X-1");

        f.jdbc.sql("alter table petition_case alter column id restart with 12345678").update();
        Case big = f.repository.insert(Case.submitted(new CaseIntake(Channel.HOTLINE, Category.COMPLAINT, false,
                "LEAK", null, null, null, null, null, at("2026-01-12T09:00"), null), at("2026-01-12T09:01"), null,
                null));
        assertThat(big.id().value()).isEqualTo(12345678L);
        assertThat(big.caseNo()).isEqualTo("W20260112-12345678");
        assertThat(f.repository.findByCaseNo("W20260112-12345678")).isPresent();
    }
}
