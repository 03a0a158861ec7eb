package org.warmline.evaluation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.cases.Case;
import org.warmline.cases.CaseChanged;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseId;
import org.warmline.cases.CaseNotFound;
import org.warmline.cases.CaseRepository;
import org.warmline.cases.CaseState;
import org.warmline.cases.HistoryEntry;
import org.warmline.cases.KeyedText;
import org.warmline.cases.TransitionRefused;
import org.warmline.security.Account;

/**
 * Callback attempts that did not reach the citizen (table {@code callback_attempt}), by round: the attempts after the
 * case's latest completion. An attempt is recorded on a COMPLETED case only, at least
 * {@code warmline.callbacks.attempt-interval} after the previous one of the round and no later than now; each is a line
 * in the case's history. The {@code max-attempts}-th takes the case out of the callback queue
 * ({@link CallbackAttemptsExhausted}). Anything refused changes nothing.
 */
@Service
@EnableConfigurationProperties(CallbackSettings.class)
public class CallbackAttempts {

    /** An attempt as recorded. */
    public record Attempt(int number, Instant at, CallbackOutcome outcome, String actor) {
    }

    /** The attempts of a case's current round, and when the next may be made (null: none any more). */
    public record Round(List<Attempt> attempts, Instant nextAllowed, boolean exhausted) {

        public Attempt last() {
            return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        }
    }

    private final CaseRepository cases;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final CallbackSettings settings;
    private final java.time.format.DateTimeFormatter minutes;

    CallbackAttempts(CaseRepository cases, JdbcClient jdbc, PlatformTransactionManager transactions,
                     ApplicationEventPublisher events, CallbackSettings settings,
                     org.warmline.calendar.WorkingCalendar calendar) {
        this.minutes = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(calendar.zone());
        this.cases = cases;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
        this.settings = settings;
    }

    /** Attempts after which a case leaves the queue. */
    public int maxAttempts() {
        return settings.maxAttempts();
    }

    /** The completion a COMPLETED case is being called back for: the re-handling before it, or the first one. */
    static Instant roundStart(Case c) {
        return c.rehandledAt() != null ? c.rehandledAt() : c.completedAt();
    }

    /** The attempts of the case's current round. */
    public Round round(Case c) {
        Instant start = roundStart(c);
        List<Attempt> attempts = start == null ? List.of() : jdbc.sql("select attempt_no, attempted_at, outcome, actor "
                        + "from callback_attempt where case_id = ? and round_start = ? order by attempt_no")
                .params(c.id().value(), time(start))
                .query((rs, row) -> new Attempt(rs.getInt("attempt_no"),
                        rs.getObject("attempted_at", OffsetDateTime.class).toInstant(),
                        CallbackOutcome.valueOf(rs.getString("outcome")), rs.getString("actor")))
                .list();
        boolean exhausted = attempts.size() >= settings.maxAttempts();
        Instant next = exhausted ? null : attempts.isEmpty() ? start
                : attempts.get(attempts.size() - 1).at().plus(settings.attemptInterval());
        return new Round(attempts, next, exhausted);
    }

    /** The rounds of the COMPLETED cases that have attempts, by case id (one query). */
    Map<CaseId, Round> roundsOfCompleted() {
        Map<CaseId, List<Attempt>> byCase = new HashMap<>();
        Map<CaseId, Instant> starts = new HashMap<>();
        jdbc.sql("select a.case_id, a.round_start, a.attempt_no, a.attempted_at, a.outcome, a.actor "
                        + "from callback_attempt a join petition_case c on c.id = a.case_id "
                        + "where c.state = 'COMPLETED' and a.round_start = coalesce(c.rehandled_at, c.completed_at) "
                        + "order by a.case_id, a.attempt_no")
                .query((rs, row) -> {
                    CaseId id = new CaseId(rs.getLong("case_id"));
                    starts.put(id, rs.getObject("round_start", OffsetDateTime.class).toInstant());
                    byCase.computeIfAbsent(id, k -> new java.util.ArrayList<>()).add(new Attempt(
                            rs.getInt("attempt_no"), rs.getObject("attempted_at", OffsetDateTime.class).toInstant(),
                            CallbackOutcome.valueOf(rs.getString("outcome")), rs.getString("actor")));
                    return null;
                }).list();
        Map<CaseId, Round> out = new HashMap<>();
        byCase.forEach((id, attempts) -> {
            boolean exhausted = attempts.size() >= settings.maxAttempts();
            out.put(id, new Round(List.copyOf(attempts), exhausted ? null
                    : attempts.get(attempts.size() - 1).at().plus(settings.attemptInterval()), exhausted));
        });
        return out;
    }

    /**
     * The SQL condition (on {@code petition_case}) of a COMPLETED case still in the callback queue: fewer attempts in
     * its round than the maximum. Its one parameter is {@link #maxAttempts()}.
     */
    static String stillQueued() {
        return "(select count(*) from callback_attempt a where a.case_id = petition_case.id "
                + "and a.round_start = coalesce(petition_case.rehandled_at, petition_case.completed_at)) < ?";
    }

    /**
     * Records an attempt on the case of that id as the account saw it ({@code version}).
     *
     * @return the case's round after the attempt
     * @throws CaseChanged       when the case changed since the account saw it
     * @throws TransitionRefused when the case is not COMPLETED, its attempts are used up, the previous attempt is less
     *                           than the interval ago, or {@code at} is in the future or before the completion
     */
    public Round record(CaseId id, int version, Account by, Instant at, CallbackOutcome outcome, Instant now) {
        if (outcome == null) {
            throw new TransitionRefused("callback.refused.outcome", "The outcome of the attempt must be given.");
        }
        String actor = CaseDesk.actor(by);
        try {
            return transaction.execute(status -> {
                Case c = cases.findById(id).orElseThrow(() -> new CaseNotFound(id.toString()));
                if (c.version() != version) {
                    throw new CaseChanged(c);
                }
                if (c.state() != CaseState.COMPLETED) {
                    throw new TransitionRefused("callback.refused.state",
                            "Callbacks are made to completed cases only; this case is " + c.state() + ".",
                            new DefaultMessageSourceResolvable(new String[] {"case.state." + c.state().name()},
                                    c.state().name()));
                }
                Round round = round(c);
                if (round.exhausted()) {
                    throw new TransitionRefused("callback.refused.exhausted",
                            "The callback attempts of this case are used up.", settings.maxAttempts());
                }
                if (at.isAfter(now) || at.isBefore(roundStart(c))) {
                    throw new TransitionRefused("callback.refused.time",
                            "The attempt's time must lie between the completion and now.");
                }
                if (round.last() != null && at.isBefore(round.nextAllowed())) {
                    throw new TransitionRefused("callback.refused.tooSoon",
                            "Attempts are at least " + settings.attemptInterval() + " apart.",
                            java.math.BigDecimal.valueOf(settings.attemptInterval().toMinutes())
                                    .divide(java.math.BigDecimal.valueOf(60), 2, java.math.RoundingMode.HALF_UP)
                                    .stripTrailingZeros().toPlainString(),
                            minutes.format(round.nextAllowed()));
                }
                int number = round.attempts().size() + 1;
                jdbc.sql("insert into callback_attempt (case_id, round_start, attempt_no, attempted_at, outcome, actor, "
                                + "recorded_at) values (?, ?, ?, ?, ?, ?, ?)")
                        .params(c.id().value(), time(roundStart(c)), number, time(at), outcome.name(), actor,
                                time(now))
                        .update();
                List<HistoryEntry> lines = new java.util.ArrayList<>();
                lines.add(HistoryEntry.saying(c.id(), at, actor, Case.Action.CALLBACK_ATTEMPT.name(),
                        KeyedText.of("history.callbackAttempt", KeyedText.key("callback.outcome." + outcome.name()),
                                number, settings.maxAttempts())));
                if (number >= settings.maxAttempts()) {
                    lines.add(HistoryEntry.saying(c.id(), at, CaseDesk.SYSTEM, Case.Action.CALLBACK_ATTEMPT.name(),
                            KeyedText.of("history.callbacksExhausted", number)));
                }
                cases.appendHistory(lines);
                if (number >= settings.maxAttempts()) {
                    events.publishEvent(new CallbackAttemptsExhausted(c.id(), c.caseNo(), at, number));
                }
                return round(c);
            });
        } catch (DuplicateKeyException raced) {
            Case c = cases.findById(id).orElseThrow(() -> new CaseNotFound(id.toString()));
            throw new CaseChanged(c);
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
