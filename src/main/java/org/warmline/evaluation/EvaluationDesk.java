package org.warmline.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.warmline.calendar.Period;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.cases.Case;
import org.warmline.cases.CaseAccess;
import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CasePage;
import org.warmline.cases.CaseQuery;
import org.warmline.cases.CaseState;
import org.warmline.cases.HistoryEntry;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.administration.SchemeVersions;
import org.warmline.scheme.Scheme;
import org.warmline.security.Account;

/**
 * The queues and figures of evaluation, within an account's data scope: the completed cases waiting for a callback
 * (oldest first), the dissatisfied evaluations under review (nearest review deadline first) and the period's PHONE /
 * ONLINE mix against the active scheme's target.
 */
@Service
public class EvaluationDesk {

    /** Cases a queue shows at most. */
    static final int CAP = 2000;
    private static final int PAGE = 500;

    /**
     * A completed case waiting for its callback: since when (its latest completion), how long, the attempts that did
     * not reach the citizen in this round, and when the next callback is due (the completion, or the last attempt plus
     * the interval).
     */
    public record Waiting(Case c, Instant since, Duration waited, List<CallbackAttempts.Attempt> attempts,
                          Instant nextDue) {

        public CallbackAttempts.Attempt lastAttempt() {
            return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        }

        /** Whether an attempt may be recorded now (the interval since the last one has passed). */
        public boolean dueAt(Instant now) {
            return !nextDue.isAfter(now);
        }
    }

    /** A case under review, with its review clock (none when reviewed but the finding is not carried out yet). */
    public record UnderReview(Case c, CaseClocks.Clock clock) {
    }

    private final CaseDesk desk;
    private final CaseAccess access;
    private final Scheme scheme;
    private final ZoneId zone;
    private final JdbcClient jdbc;

    private final SchemeVersions versions;
    private final CallbackAttempts attempts;

    EvaluationDesk(CaseDesk desk, CaseAccess access, Scheme scheme, WorkingCalendar calendar, JdbcClient jdbc,
                   SchemeVersions versions, CallbackAttempts attempts) {
        this.versions = versions;
        this.attempts = attempts;
        this.desk = desk;
        this.access = access;
        this.scheme = scheme;
        this.zone = calendar.zone();
        this.jdbc = jdbc;
    }

    /** The zone days and periods are cut in. */
    ZoneId zone() {
        return zone;
    }

    /**
     * The completed cases in the account's scope waiting for a callback, the next callback due first (a case whose
     * callback attempts are used up has left the queue).
     */
    public List<Waiting> callbackQueue(Account account, Instant now) {
        Map<org.warmline.cases.CaseId, CallbackAttempts.Round> rounds = attempts.roundsOfCompleted();
        List<Waiting> out = new ArrayList<>();
        for (Case c : inState(account, CaseState.COMPLETED)) {
            CallbackAttempts.Round round = rounds.get(c.id());
            if (round != null && round.exhausted()) {
                continue;
            }
            Instant since = completedLast(c);
            List<CallbackAttempts.Attempt> made = round == null ? List.of() : round.attempts();
            Instant next = round == null ? since : round.nextAllowed();
            out.add(new Waiting(c, since, Duration.between(since, now).isNegative() ? Duration.ZERO
                    : Duration.between(since, now), made, next));
        }
        out.sort(Comparator.comparing(Waiting::nextDue).thenComparing(Waiting::since)
                .thenComparing(w -> w.c().id().value()));
        return out;
    }

    /**
     * How many completed cases in the account's scope wait for a callback (attempts not used up), counted exactly by
     * the database.
     */
    public long callbacksWaiting(Account account) {
        return desk.countExactly(access.scoped(account, CaseQuery.all().withStates(Set.of(CaseState.COMPLETED))),
                CallbackAttempts.stillQueued(), attempts.maxAttempts());
    }

    /** How many completed cases wait for a callback in all (attempts not used up), exactly. */
    public long callbacksWaiting() {
        return desk.countExactly(CaseQuery.all().withStates(Set.of(CaseState.COMPLETED)),
                CallbackAttempts.stillQueued(), attempts.maxAttempts());
    }

    /** How many completed cases in the account's scope left the queue after their callback attempts, exactly. */
    public long callbacksGivenUp(Account account) {
        return desk.countExactly(access.scoped(account, CaseQuery.all().withStates(Set.of(CaseState.COMPLETED))),
                "not " + CallbackAttempts.stillQueued(), attempts.maxAttempts());
    }

    /** The period of that label ({@code 2026-01}, {@code 2026-Q1}, {@code 2026}), or empty when it is none. */
    public java.util.Optional<Period> period(String label) {
        try {
            return java.util.Optional.of(Period.parse(label, scheme.yearStartMonth()));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** The cases in the account's scope under review, nearest review deadline first (overdue first). */
    public List<UnderReview> reviewQueue(Account account, Instant now) {
        List<UnderReview> out = new ArrayList<>();
        for (Case c : inState(account, CaseState.REVIEW)) {
            out.add(new UnderReview(c, desk.clocks(c, now).clock(CaseClocks.Kind.REVIEW).orElse(null)));
        }
        out.sort(Comparator.<UnderReview, Instant>comparing(r -> r.clock() == null ? Instant.MAX : r.clock().deadline())
                .thenComparing(r -> r.c().unsatisfiedAt() == null ? Instant.MAX : r.c().unsatisfiedAt())
                .thenComparing(r -> r.c().id().value()));
        return out;
    }

    /**
     * The cases under review in the account's scope, exactly: by the colour of their running 24 h review clock (the
     * only clock of a case under review), and {@code none}: reviewed, the finding not carried out yet.
     */
    public org.warmline.cases.CaseRepository.ClockCounts reviewCounts(Account account, Instant now) {
        return desk.clockCounts(access.scoped(account, CaseQuery.all().withStates(Set.of(CaseState.REVIEW))), now);
    }

    /** The open reviews (review clock running) by the colour of their clock at {@code now}; every colour present. */
    public Map<CaseClocks.Colour, Integer> reviewClocks(List<UnderReview> reviews) {
        Map<CaseClocks.Colour, Integer> out = new EnumMap<>(CaseClocks.Colour.class);
        for (CaseClocks.Colour colour : CaseClocks.Colour.values()) {
            out.put(colour, 0);
        }
        reviews.stream().filter(r -> r.clock() != null).forEach(r -> out.merge(r.clock().colour(), 1, Integer::sum));
        return out;
    }

    /** The month holding {@code now} (in the calendar's zone). */
    public Period currentPeriod(Instant now) {
        return Period.month(YearMonth.from(LocalDate.ofInstant(now, zone)));
    }

    /**
     * The evaluations made in the period (by their latest {@code evaluated_at}) of the cases in the account's scope, by
     * channel, with the targets of the scheme version in force for the period.
     */
    public EvaluationMix mix(Account account, Period period) {
        Instant from = period.start().atStartOfDay(zone).toInstant();
        Instant to = period.end().atStartOfDay(zone).toInstant();
        StringBuilder sql = new StringBuilder("select evaluation_channel, count(*) as n from petition_case "
                + "where evaluated_at >= ? and evaluated_at < ? and evaluation_channel is not null");
        List<Object> params = new ArrayList<>(List.of(time(from), time(to)));
        CaseQuery.Visibility visibility = access.scoped(account, CaseQuery.all()).visibility();
        if (visibility != null) {
            List<String> or = new ArrayList<>();
            if (!visibility.units().isEmpty()) {
                or.add("unit in (" + String.join(", ", java.util.Collections.nCopies(visibility.units().size(), "?"))
                        + ")");
                visibility.units().stream().sorted().forEach(params::add);
            }
            if (visibility.handler() != null) {
                or.add("handler = ?");
                params.add(visibility.handler());
            }
            sql.append(or.isEmpty() ? " and 1 = 0" : " and (" + String.join(" or ", or) + ")");
        }
        sql.append(" group by evaluation_channel");
        Map<EvaluationChannel, Long> counts = new EnumMap<>(EvaluationChannel.class);
        jdbc.sql(sql.toString()).params(params).query((rs, row) -> {
            counts.put(EvaluationChannel.valueOf(rs.getString("evaluation_channel")), rs.getLong("n"));
            return null;
        }).list();
        Scheme.Coverage coverage = versions.forPeriod(period).scheme().items().coverage();
        return new EvaluationMix(period.label(), counts.getOrDefault(EvaluationChannel.PHONE, 0L),
                counts.getOrDefault(EvaluationChannel.ONLINE, 0L), coverage.phoneTarget(), coverage.onlineTarget());
    }

    private List<Case> inState(Account account, CaseState state) {
        CaseQuery query = access.scoped(account, CaseQuery.all().withStates(Set.of(state)));
        List<Case> out = new ArrayList<>();
        int offset = 0;
        while (out.size() < CAP) {
            CasePage page = desk.search(query.page(PAGE, offset));
            out.addAll(page.cases());
            offset += PAGE;
            if (page.cases().size() < PAGE) {
                break;
            }
        }
        return out.size() > CAP ? out.subList(0, CAP) : out;
    }

    /**
     * When the case was completed last: {@code completed_at} keeps the first completion, so a case completed again
     * after a re-handling has its latest completion looked up in its history.
     */
    private Instant completedLast(Case c) {
        if (c.rehandledAt() == null) {
            return c.completedAt() != null ? c.completedAt() : c.submittedAt();
        }
        Instant last = c.completedAt();
        for (HistoryEntry h : desk.history(c.id())) {
            if (Case.Action.COMPLETE.name().equals(h.action()) && (last == null || h.at().isAfter(last))) {
                last = h.at();
            }
        }
        return last != null ? last : c.submittedAt();
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
