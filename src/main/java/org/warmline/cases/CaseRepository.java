package org.warmline.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.assessment.PhoneNumbers;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.ReviewFinding;

/**
 * The desk's cases in table {@code petition_case} and their history in {@code case_history} (JDBC). Updates use
 * optimistic locking: a case saved from a version someone else has changed since is refused with {@link CaseChanged}.
 * Nothing is ever deleted. Every save also keeps the case's nearest running deadline (for sorting) and its normalised
 * phone (for intake look-ups).
 */
@Repository
public class CaseRepository {

    private static final String FIELDS = "case_no, state, channel, category, complex, topic, citizen_name, "
            + "citizen_phone, address, demand, occurred_at, submitted_at, recorded_at, accepted_at, accepted_by, "
            + "dispatched_at, unit, handler, contacted_at, site_survey, surveyed_at, solution, solution_at, completed_at, "
            + "resolved, evaluation, evaluation_channel, evaluated_at, evaluation_comment, unsatisfied_at, reviewed_at, "
            + "review_finding, rehandled_at, explained_at, withdrawn_at, withdrawn_reason, external_ticket, "
            + "idempotency_key, parent_case, handler_resolved, resolution, resolution_source, resolution_at, "
            + "resolution_by, repeat_of, follow_up_of, routed_unit, routed_handler, routing_rule, nearest_deadline, "
            + "amber_at, phone_key, idempotency_fingerprint";
    private static final int FIELD_COUNT = FIELDS.split(",").length;
    private static final String SELECT = "select id, version, " + FIELDS + " from petition_case ";
    /** Matches counted at most (beyond the page asked for) by {@link #search}. */
    public static final long COUNT_CAP = 10_000;
    /**
     * Matches counted at most by a text search: each match counted is a text compared, so counting a common word to
     * 10,000 costs most of a search's time; a thousand matches are more than anyone pages through.
     */
    public static final long TEXT_COUNT_CAP = 1_000;
    private static final String HISTORY_FIELDS =
            "case_id, at, actor, action, field, before_value, after_value, note, note_key, note_args";
    private static final int HISTORY_COLUMNS = HISTORY_FIELDS.split(",").length;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    /**
     * What the list's text search looks in: the generated column {@code search_text}, the number, citizen name, address,
     * demand, solution and notes in lower case (db/migration V13_2); on PostgreSQL a trigram index over it finds any
     * substring of three or more characters.
     */
    static final String SEARCH_TEXT = "search_text";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final CaseClocks clocks;
    /** See {@link #identitySequence()}: null until looked up, "" when there is none. */
    private volatile String identitySequence;

    public CaseRepository(JdbcClient jdbc, PlatformTransactionManager transactions, CaseClocks clocks) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clocks = clocks;
    }

    /**
     * Stores a new case (version 0) and gives it its id and, when it has none, the case number {@code W} + the
     * submission date (yyyyMMdd, in the calendar's zone) + {@code -} + the id zero-padded to (at least) 6 digits.
     * On PostgreSQL the number is formed inside the INSERT from the id taken from the identity's sequence (one
     * statement); elsewhere (H2) the row is inserted under a placeholder number and then numbered, in one transaction.
     */
    public Case insert(Case c) {
        return store(c, false);
    }

    /**
     * Stores a new case as {@link #insert} does, together with the history lines recorded on it so far (typically its
     * registration). On PostgreSQL this is <em>one</em> statement (the case, its number and its history lines), run in
     * the caller's transaction or, without one, in autocommit: when it returns, the case is committed. Elsewhere the
     * insert, the numbering and the history are written in one transaction.
     */
    public Case insertWithHistory(Case c) {
        return store(c, true);
    }

    private Case store(Case c, boolean withHistory) {
        if (c.id != null) {
            throw new IllegalArgumentException("already stored: " + c);
        }
        c.version = 0;
        if (identitySequence() != null) {
            List<HistoryEntry> lines = withHistory ? c.drainHistory() : List.of();
            storeInOneStatement(c, lines);
            return c;
        }
        return transaction.execute(status -> {
            boolean assign = c.caseNo == null;
            if (assign) {
                c.caseNo = "#" + UUID.randomUUID();
            }
            KeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("insert into petition_case (" + FIELDS + ", version) values (" + "?, ".repeat(FIELD_COUNT) + "0)")
                    .params(values(c))
                    .update(keys, "id");
            c.id = new CaseId(keys.getKeyAs(Number.class).longValue());
            if (assign) {
                c.caseNo = caseNumberPrefix(c) + String.format("%06d", c.id.value());
                jdbc.sql("update petition_case set case_no = ? where id = ?").params(c.caseNo, c.id.value()).update();
            }
            if (withHistory) {
                appendHistory(c.drainHistory());
            }
            return c;
        });
    }

    /**
     * PostgreSQL: {@code with n as (id from the identity's sequence, case number), c as (insert the case) insert the
     * history lines returning the id and number}: one round trip, and one commit in autocommit.
     */
    private void storeInOneStatement(Case c, List<HistoryEntry> lines) {
        boolean assign = c.caseNo == null;
        List<Object> params = new ArrayList<>();
        params.add(assign ? caseNumberPrefix(c) : c.caseNo);
        List<Object> fields = values(c);
        params.addAll(fields.subList(1, fields.size()));
        for (HistoryEntry h : lines) {
            params.addAll(historyValues(h).subList(1, HISTORY_COLUMNS));
        }
        String sql = oneStatement(assign, lines.size());
        List<Object[]> stored = jdbc.sql(sql).params(params)
                .query((rs, row) -> new Object[] {rs.getLong("id"), rs.getString("case_no")}).list();
        c.id = new CaseId((Long) stored.get(0)[0]);
        c.caseNo = (String) stored.get(0)[1];
    }

    /** The statements of {@link #storeInOneStatement}, by number assigned or given and count of history lines. */
    private final java.util.concurrent.ConcurrentHashMap<Integer, String> oneStatements =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The text of the one statement for a case with or without a number yet and {@code lines} history lines, made
     * once per shape: the same {@code String} every time, so that neither it nor the driver's statement cache key
     * (its hash) is computed again per intake.
     */
    private String oneStatement(boolean assign, int lines) {
        return oneStatements.computeIfAbsent(lines * 2 + (assign ? 1 : 0), key -> {
            StringBuilder sql = new StringBuilder("with n as (select id, ")
                    .append(assign ? "? || lpad(cast(id as varchar), greatest(6, length(cast(id as varchar))), '0')"
                            : "cast(? as varchar(64))")
                    .append(" as no from (select nextval('").append(identitySequence()).append("') as id) s), ")
                    .append("c as (insert into petition_case (id, ").append(FIELDS).append(", version) values ")
                    .append("((select id from n), (select no from n), ").append("?, ".repeat(FIELD_COUNT - 1))
                    .append("0) returning id, case_no) ");
            if (lines == 0) {
                sql.append("select id, case_no from c");
            } else {
                sql.append("insert into case_history (").append(HISTORY_FIELDS).append(") values ");
                sql.append(String.join(", ", java.util.Collections.nCopies(lines,
                        "((select id from c), ?, ?, ?, ?, ?, ?, ?, ?, ?)")));
                sql.append(" returning case_id as id, (select case_no from c) as case_no");
            }
            return sql.toString();
        });
    }

    private String caseNumberPrefix(Case c) {
        return "W" + DAY.format(c.submittedAt.atZone(clocks.zone())) + "-";
    }

    /**
     * The sequence behind {@code petition_case.id} on PostgreSQL (so that a case's number can be formed in its INSERT),
     * or null on other databases. Looked up once.
     */
    private String identitySequence() {
        String known = identitySequence;
        if (known == null) {
            known = jdbc.sql("select 1").query(rs -> {
                rs.next();
                String product = rs.getStatement().getConnection().getMetaData().getDatabaseProductName();
                return "PostgreSQL".equalsIgnoreCase(product) ? "PG" : "";
            });
            if ("PG".equals(known)) {
                known = jdbc.sql("select pg_get_serial_sequence('petition_case', 'id')").query(String.class).single();
                if (known == null || known.contains("'")) {
                    known = "";
                }
            }
            identitySequence = known;
        }
        return known.isEmpty() ? null : known;
    }

    /**
     * Saves the case's fields if it still has the version it was read with, and increments its version.
     *
     * @throws CaseChanged when someone else saved the case in between
     */
    public void update(Case c) {
        String assignments = String.join(" = ?, ", FIELDS.split(", ")) + " = ?";
        List<Object> params = values(c);
        params.add(c.id.value());
        params.add(c.version);
        int rows = jdbc.sql("update petition_case set " + assignments + ", version = version + 1 "
                        + "where id = ? and version = ?")
                .params(params)
                .update();
        if (rows == 0) {
            throw new CaseChanged(c.id, c.caseNo);
        }
        c.version++;
    }

    /**
     * Recomputes the desk's working columns of a stored case (nearest deadline, normalised phone) without changing its
     * version: for cases that entered the database by a ledger import rather than through the desk.
     */
    public void refreshWorkingColumns(String caseNo) {
        findByCaseNo(caseNo).ifPresent(c -> jdbc.sql("update petition_case set nearest_deadline = ?, amber_at = ?, "
                        + "phone_key = ? where id = ?")
                .params(clocks.nearestDeadline(c).map(CaseRepository::time).orElse(null),
                        clocks.nearestAmber(c).map(CaseRepository::time).orElse(null),
                        PhoneNumbers.normalize(c.citizenPhone), c.id.value())
                .update());
    }

    /**
     * Recomputes the nearest deadline of every open case (not closed, not withdrawn): after the working-day calendar
     * changed, so that sorting and escalation see the deadlines of the new calendar. Versions are unchanged.
     *
     * @return how many cases were looked at
     */
    public int refreshOpenDeadlines() {
        return refreshDeadlines("");
    }

    /**
     * Fills the amber instant of the open cases with a running clock that have none yet (cases saved before the desk
     * kept it), as {@link #refreshOpenDeadlines} does for all.
     *
     * @return how many cases were filled
     */
    public int refreshMissingAmber() {
        return refreshDeadlines(" and nearest_deadline is not null and amber_at is null");
    }

    private int refreshDeadlines(String condition) {
        List<Case> open = jdbc.sql(SELECT + "where state not in ('CLOSED', 'WITHDRAWN')" + condition + " order by id")
                .query(CaseRepository::read).list();
        for (Case c : open) {
            jdbc.sql("update petition_case set nearest_deadline = ?, amber_at = ? where id = ?")
                    .params(clocks.nearestDeadline(c).map(CaseRepository::time).orElse(null),
                            clocks.nearestAmber(c).map(CaseRepository::time).orElse(null), c.id.value())
                    .update();
        }
        return open.size();
    }

    public Optional<Case> findById(CaseId id) {
        return jdbc.sql(SELECT + "where id = ?").param(id.value()).query(CaseRepository::read).optional();
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    /** The case, its row locked until the end of the caller's transaction ({@code for update}). */
    public Optional<Case> lockById(CaseId id) {
        return jdbc.sql(SELECT + "where id = ? for update").param(id.value()).query(CaseRepository::read).optional();
    }

    public Optional<Case> findByCaseNo(String caseNo) {
        return jdbc.sql(SELECT + "where case_no = ?").param(caseNo).query(CaseRepository::read).optional();
    }

    /** The cases with these numbers (withdrawn ones included), by number; numbers no case has are left out. */
    public java.util.Map<String, Case> findByCaseNos(java.util.Collection<String> caseNos) {
        java.util.Map<String, Case> found = new java.util.HashMap<>();
        List<String> all = List.copyOf(caseNos);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            jdbc.sql(SELECT + "where case_no in (" + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"))
                            + ")")
                    .params(chunk).query(CaseRepository::read).list().forEach(c -> found.put(c.caseNo(), c));
        }
        return found;
    }

    public Optional<Case> findByIdempotencyKey(String key) {
        return jdbc.sql(SELECT + "where idempotency_key = ?").param(key).query(CaseRepository::read).optional();
    }

    /**
     * The open cases (not closed, not withdrawn) whose nearest running deadline is before {@code now}: every case with a
     * red clock is among them. By id.
     */
    public List<Case> openPastDeadline(Instant now) {
        return jdbc.sql(SELECT + "where state not in ('CLOSED', 'WITHDRAWN') and nearest_deadline < ? order by id")
                .param(time(now))
                .query(CaseRepository::read)
                .list();
    }

    /**
     * The open cases submitted in [{@code from}, {@code to}] that are neither linked under a complex case nor have cases
     * linked under them, oldest first.
     */
    public List<Case> openUnlinkedSubmitted(Instant from, Instant to) {
        return jdbc.sql(SELECT + "where state not in ('CLOSED', 'WITHDRAWN') and parent_case is null "
                        + "and submitted_at >= ? and submitted_at <= ? "
                        + "and not exists (select 1 from petition_case child where child.parent_case = petition_case.id) "
                        + "order by submitted_at, id")
                .params(time(from), time(to))
                .query(CaseRepository::read)
                .list();
    }

    /**
     * The citizen's (phone key) completed cases on a topic whose completion lies in {@code [from, to)}, newest
     * completion first: the consultations a new case submitted at {@code to} may follow up.
     */
    public List<Case> completedBetween(String phoneKey, String topic, Instant from, Instant to) {
        return jdbc.sql(SELECT + "where phone_key = ? and topic = ? and completed_at >= ? and completed_at < ? "
                        + "and state <> 'WITHDRAWN' order by completed_at, id")
                .params(phoneKey, topic, time(from), time(to))
                .query(CaseRepository::read)
                .list();
    }

    /**
     * The completed cases (COMPLETED, EVALUATED or CLOSED: not back in handling or under review) whose resolution is
     * pending, completed before {@code before}, by id.
     */
    public List<Case> pendingCompletedBefore(Instant before) {
        return jdbc.sql(SELECT + "where resolution = 'PENDING' and completed_at < ? "
                        + "and state in ('COMPLETED', 'EVALUATED', 'CLOSED') order by id")
                .param(time(before))
                .query(CaseRepository::read)
                .list();
    }

    /** The EVALUATED cases evaluated at or before {@code before}, with no dissatisfied review open, by id. */
    public List<Case> evaluatedBefore(Instant before) {
        return jdbc.sql(SELECT + "where state = 'EVALUATED' and evaluated_at <= ? "
                        + "and (unsatisfied_at is null or reviewed_at is not null) order by id")
                .param(time(before))
                .query(CaseRepository::read)
                .list();
    }

    /** The cases linked to this one as its repeats or follow-ups, by submission. */
    public List<Case> relatedTo(CaseId earlier) {
        return jdbc.sql(SELECT + "where repeat_of = ? or follow_up_of = ? order by submitted_at, id")
                .params(earlier.value(), earlier.value())
                .query(CaseRepository::read)
                .list();
    }

    /** The cases linked under a complex case, by id. */
    public List<Case> children(CaseId parent) {
        return jdbc.sql(SELECT + "where parent_case = ? order by id").param(parent.value())
                .query(CaseRepository::read).list();
    }

    /** Adds lines to cases' histories (one statement). */
    public void appendHistory(List<HistoryEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>(entries.size() * HISTORY_COLUMNS);
        entries.forEach(h -> params.addAll(historyValues(h)));
        jdbc.sql("insert into case_history (" + HISTORY_FIELDS + ") values "
                        + String.join(", ", java.util.Collections.nCopies(entries.size(),
                        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")))
                .params(params)
                .update();
    }

    private static List<Object> historyValues(HistoryEntry h) {
        return java.util.Arrays.asList(h.caseId() == null ? null : h.caseId().value(), time(h.at()), h.actor(),
                h.action(), h.field(), h.before(), h.after(), h.note(), h.text() == null ? null : h.text().key(),
                h.text() == null ? null : h.text().encodedArgs());
    }

    /** The history of a case, oldest first (in the order written). */
    public List<HistoryEntry> history(CaseId id) {
        return jdbc.sql("select case_id, at, actor, action, field, before_value, after_value, note, note_key, note_args "
                        + "from case_history where case_id = ? order by at, id")
                .param(id.value())
                .query((rs, row) -> new HistoryEntry(new CaseId(rs.getLong("case_id")), instant(rs, "at"),
                        rs.getString("actor"), rs.getString("action"), rs.getString("field"),
                        rs.getString("before_value"), rs.getString("after_value"), rs.getString("note"),
                        KeyedText.decode(rs.getString("note_key"), rs.getString("note_args"))))
                .list();
    }

    /**
     * The citizen's cases (phone compared normalised) submitted at or before {@code until}, newest first, at most
     * {@code limit}.
     */
    public List<Case> byPhone(String phone, Instant until, int limit) {
        String key = PhoneNumbers.normalize(phone);
        if (key == null) {
            return List.of();
        }
        return jdbc.sql(SELECT + "where phone_key = ? and submitted_at <= ? order by submitted_at desc, id desc limit ?")
                .params(key, time(until), limit)
                .query(CaseRepository::read)
                .list();
    }

    /** A page of cases matching the query, sorted by nearest running deadline, then submission. */
    public CasePage search(CaseQuery q) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = where(q, params);
        if (identitySequence() != null && !searchText(q).isEmpty()) {
            // a text search is planned for its own pattern every time: a plan made once for any pattern (the driver's
            // prepared statement after five runs) would take the trigram index even for a pattern it cannot serve
            return transaction.execute(status -> {
                jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
                return page(q, where, params);
            });
        }
        return page(q, where, params);
    }

    /** The query's search text as the search compares it: one line, trimmed, in lower case; empty for none. */
    private static String searchText(CaseQuery q) {
        return q.text() == null ? "" : q.text().replaceAll("[\\p{Cntrl}]", " ").strip()
                .toLowerCase(java.util.Locale.ROOT);
    }

    /** The WHERE clause of the query's filters and data scope, its parameters added to {@code params}. */
    private StringBuilder where(CaseQuery q, List<Object> params) {
        StringBuilder where = new StringBuilder("where 1 = 1");
        if (!q.states().isEmpty()) {
            where.append(" and state in (").append(marks(q.states().size())).append(')');
            q.states().stream().map(Enum::name).sorted().forEach(params::add);
        }
        if (!q.units().isEmpty()) {
            where.append(" and unit in (").append(marks(q.units().size())).append(')');
            q.units().stream().sorted().forEach(params::add);
        }
        if (q.handler() != null && !q.handler().isBlank()) {
            where.append(" and handler = ?");
            params.add(q.handler().trim());
        }
        if (q.phone() != null && PhoneNumbers.normalize(q.phone()) != null) {
            where.append(" and phone_key = ?");
            params.add(PhoneNumbers.normalize(q.phone()));
        }
        String text = searchText(q);
        if (!text.isEmpty()) {
            if (identitySequence() != null && text.codePointCount(0, text.length()) == 2) {
                // two characters make no trigram: the pairs index finds the cases that hold this pair (V13_2)
                where.append(" and search_pairs(search_text) @> array[hashtext(?)]");
                params.add(text);
            }
            where.append(" and ").append(SEARCH_TEXT).append(" like ? escape '\\'");
            params.add("%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (q.visibility() != null) {
            List<String> or = new ArrayList<>();
            if (!q.visibility().units().isEmpty()) {
                or.add("unit in (" + marks(q.visibility().units().size()) + ")");
                q.visibility().units().stream().sorted().forEach(params::add);
            }
            if (q.visibility().handler() != null) {
                or.add("handler = ?");
                params.add(q.visibility().handler());
            }
            where.append(or.isEmpty() ? " and 1 = 0" : " and (" + String.join(" or ", or) + ")");
        }
        if (q.submittedFrom() != null) {
            where.append(" and submitted_at >= ?");
            params.add(time(q.submittedFrom()));
        }
        if (q.submittedTo() != null) {
            where.append(" and submitted_at < ?");
            params.add(time(q.submittedTo()));
        }
        return where;
    }

    /**
     * How many cases match the query, exactly (no cap, unlike {@link #search}'s total): for the figures that must be
     * exact at any volume. {@code condition} is a further SQL condition on {@code petition_case} (or null) with its
     * parameters.
     */
    public long countExactly(CaseQuery q, String condition, Object... conditionParams) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = where(q, params);
        if (condition != null) {
            where.append(" and (").append(condition).append(')');
            params.addAll(java.util.Arrays.asList(conditionParams));
        }
        return jdbc.sql("select count(*) from petition_case " + where).params(params).query(Long.class).single();
    }

    /** The cases of the query counted by the clock colour of their worst running clock at {@code now}, exactly. */
    public ClockCounts clockCounts(CaseQuery q, Instant now) {
        List<Object> params = new ArrayList<>();
        OffsetDateTime late = time(CaseClocks.lateIfDeadlineAtOrBefore(now));
        params.add(late);
        params.add(late);
        params.add(time(now));
        StringBuilder where = where(q, params);
        return jdbc.sql("select count(*) as total, "
                        + "coalesce(sum(case when nearest_deadline is null then 1 else 0 end), 0) as none, "
                        + "coalesce(sum(case when nearest_deadline <= ? then 1 else 0 end), 0) as red, "
                        + "coalesce(sum(case when nearest_deadline > ? and amber_at <= ? then 1 else 0 end), 0) as amber "
                        + "from petition_case " + where)
                .params(params)
                .query((rs, row) -> new ClockCounts(rs.getLong("total"), rs.getLong("red"), rs.getLong("amber"),
                        rs.getLong("none")))
                .single();
    }

    /** The cases of the query by state, each counted by the colour of its worst clock at {@code now}, exactly. */
    public java.util.Map<CaseState, ClockCounts> clockCountsByState(CaseQuery q, Instant now) {
        List<Object> params = new ArrayList<>();
        OffsetDateTime late = time(CaseClocks.lateIfDeadlineAtOrBefore(now));
        params.add(late);
        params.add(late);
        params.add(time(now));
        StringBuilder where = where(q, params);
        java.util.Map<CaseState, ClockCounts> out = new java.util.EnumMap<>(CaseState.class);
        jdbc.sql("select state, count(*) as total, "
                        + "coalesce(sum(case when nearest_deadline is null then 1 else 0 end), 0) as none, "
                        + "coalesce(sum(case when nearest_deadline <= ? then 1 else 0 end), 0) as red, "
                        + "coalesce(sum(case when nearest_deadline > ? and amber_at <= ? then 1 else 0 end), 0) as amber "
                        + "from petition_case " + where + " group by state")
                .params(params)
                .query((rs, row) -> out.put(CaseState.valueOf(rs.getString("state")), new ClockCounts(
                        rs.getLong("total"), rs.getLong("red"), rs.getLong("amber"), rs.getLong("none"))))
                .list();
        return out;
    }

    /** How many cases of the query there are by a column's value (unit, channel or state), exactly. */
    public java.util.Map<String, Long> countBy(CaseQuery q, String column, boolean lateOnly, Instant now) {
        if (!java.util.Set.of("unit", "channel", "state").contains(column)) {
            throw new IllegalArgumentException("not a column to count by: " + column);
        }
        List<Object> params = new ArrayList<>();
        StringBuilder where = where(q, params);
        if (lateOnly) {
            where.append(" and nearest_deadline <= ?");
            params.add(time(CaseClocks.lateIfDeadlineAtOrBefore(now)));
        }
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        jdbc.sql("select " + column + " as k, count(*) as n from petition_case " + where + " group by " + column
                        + " order by " + column)
                .params(params)
                .query((rs, row) -> out.put(rs.getString("k"), rs.getLong("n")))
                .list();
        return out;
    }

    /**
     * Open cases by their worst running clock: {@code total}, of which {@code red} (a clock late), {@code amber} (none
     * late, one due soon) and {@code none} (no clock running); the rest are green.
     */
    public record ClockCounts(long total, long red, long amber, long none) {

        public long green() {
            return total - red - amber - none;
        }
    }

    private CasePage page(CaseQuery q, StringBuilder where, List<Object> params) {
        // Counting stops after the larger of COUNT_CAP (TEXT_COUNT_CAP for a text search) and the end of the page: an
        // exact count of a million matches costs a scan of them all (about 200 ms on PostgreSQL), the page itself under
        // a millisecond.
        boolean text = q.text() != null && !q.text().isBlank();
        long cap = Math.max(text ? TEXT_COUNT_CAP : COUNT_CAP, (long) q.offset() + q.limit());
        List<Object> counted = new ArrayList<>(params);
        counted.add(cap + 1);
        long found = jdbc.sql("select count(*) from (select 1 from petition_case " + where + " limit ?) matching")
                .params(counted).query(Long.class).single();
        boolean capped = found > cap;
        long total = capped ? cap : found;
        List<Object> paged = new ArrayList<>(params);
        paged.add(q.limit());
        paged.add(q.offset());
        List<Case> cases = jdbc.sql(SELECT + where
                        + " order by nearest_deadline asc nulls last, submitted_at asc, id asc limit ? offset ?")
                .params(paged)
                .query(CaseRepository::read)
                .list();
        return new CasePage(cases, total, q.limit(), q.offset(), capped);
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private List<Object> values(Case c) {
        List<Object> v = new ArrayList<>(FIELD_COUNT + 2);
        v.add(c.caseNo);
        v.add(c.state.name());
        v.add(name(c.channel));
        v.add(name(c.category));
        v.add(c.complex);
        v.add(c.topic);
        v.add(c.citizenName);
        v.add(c.citizenPhone);
        v.add(c.address);
        v.add(c.demand);
        v.add(time(c.occurredAt));
        v.add(time(c.submittedAt));
        v.add(time(c.recordedAt));
        v.add(time(c.acceptedAt));
        v.add(c.acceptedBy);
        v.add(time(c.dispatchedAt));
        v.add(c.unit);
        v.add(c.handler);
        v.add(time(c.contactedAt));
        v.add(c.siteSurvey);
        v.add(time(c.surveyedAt));
        v.add(c.solution);
        v.add(time(c.solutionAt));
        v.add(time(c.completedAt));
        v.add(c.resolved);
        v.add(name(c.evaluation));
        v.add(name(c.evaluationChannel));
        v.add(time(c.evaluatedAt));
        v.add(c.evaluationComment);
        v.add(time(c.unsatisfiedAt));
        v.add(time(c.reviewedAt));
        v.add(name(c.reviewFinding));
        v.add(time(c.rehandledAt));
        v.add(time(c.explainedAt));
        v.add(time(c.withdrawnAt));
        v.add(c.withdrawnReason);
        v.add(c.externalTicket);
        v.add(c.idempotencyKey);
        v.add(c.parentCase == null ? null : c.parentCase.value());
        v.add(c.handlerResolved);
        v.add(c.resolutionSource == Resolution.Source.RECORDED ? null : name(c.resolution));
        v.add(c.resolutionSource == Resolution.Source.RECORDED ? null : name(c.resolutionSource));
        v.add(time(c.resolutionAt));
        v.add(c.resolutionBy);
        v.add(c.repeatOf == null ? null : c.repeatOf.value());
        v.add(c.followUpOf == null ? null : c.followUpOf.value());
        v.add(c.routedUnit);
        v.add(c.routedHandler);
        v.add(c.routingRule);
        v.add(time(clocks.nearestDeadline(c).orElse(null)));
        v.add(time(clocks.nearestAmber(c).orElse(null)));
        v.add(PhoneNumbers.normalize(c.citizenPhone));
        v.add(c.idempotencyFingerprint);
        return v;
    }

    private static Case read(ResultSet rs, int row) throws SQLException {
        Case c = new Case();
        c.id = new CaseId(rs.getLong("id"));
        c.version = rs.getInt("version");
        c.caseNo = rs.getString("case_no");
        c.state = CaseState.valueOf(rs.getString("state"));
        c.channel = code(rs, "channel", Channel.class);
        c.category = code(rs, "category", Category.class);
        c.complex = rs.getBoolean("complex");
        c.topic = rs.getString("topic");
        c.citizenName = rs.getString("citizen_name");
        c.citizenPhone = rs.getString("citizen_phone");
        c.address = rs.getString("address");
        c.demand = rs.getString("demand");
        c.occurredAt = instant(rs, "occurred_at");
        c.submittedAt = instant(rs, "submitted_at");
        c.recordedAt = instant(rs, "recorded_at");
        c.acceptedAt = instant(rs, "accepted_at");
        c.acceptedBy = rs.getString("accepted_by");
        c.dispatchedAt = instant(rs, "dispatched_at");
        c.unit = rs.getString("unit");
        c.handler = rs.getString("handler");
        c.contactedAt = instant(rs, "contacted_at");
        c.siteSurvey = rs.getBoolean("site_survey");
        c.surveyedAt = instant(rs, "surveyed_at");
        c.solution = rs.getString("solution");
        c.solutionAt = instant(rs, "solution_at");
        c.completedAt = instant(rs, "completed_at");
        c.resolved = rs.getBoolean("resolved");
        c.evaluation = code(rs, "evaluation", EvaluationLevel.class);
        c.evaluationChannel = code(rs, "evaluation_channel", EvaluationChannel.class);
        c.evaluatedAt = instant(rs, "evaluated_at");
        c.evaluationComment = rs.getString("evaluation_comment");
        c.unsatisfiedAt = instant(rs, "unsatisfied_at");
        c.reviewedAt = instant(rs, "reviewed_at");
        c.reviewFinding = code(rs, "review_finding", ReviewFinding.class);
        c.rehandledAt = instant(rs, "rehandled_at");
        c.explainedAt = instant(rs, "explained_at");
        c.withdrawnAt = instant(rs, "withdrawn_at");
        c.withdrawnReason = rs.getString("withdrawn_reason");
        c.externalTicket = rs.getString("external_ticket");
        c.idempotencyKey = rs.getString("idempotency_key");
        c.idempotencyFingerprint = rs.getString("idempotency_fingerprint");
        c.parentCase = id(rs, "parent_case");
        boolean handlerResolved = rs.getBoolean("handler_resolved");
        c.handlerResolved = rs.wasNull() ? null : handlerResolved;
        c.resolution = code(rs, "resolution", Resolution.class);
        c.resolutionSource = code(rs, "resolution_source", Resolution.Source.class);
        c.resolutionAt = instant(rs, "resolution_at");
        c.resolutionBy = rs.getString("resolution_by");
        if (c.resolution == null && c.completedAt != null) {
            // completed before the desk kept resolutions, or imported from a ledger: resolved as recorded
            c.resolution = c.resolved ? Resolution.RESOLVED : Resolution.UNRESOLVED;
            c.resolutionSource = Resolution.Source.RECORDED;
        }
        c.repeatOf = id(rs, "repeat_of");
        c.followUpOf = id(rs, "follow_up_of");
        c.routedUnit = rs.getString("routed_unit");
        c.routedHandler = rs.getString("routed_handler");
        long rule = rs.getLong("routing_rule");
        c.routingRule = rs.wasNull() ? null : rule;
        return c;
    }

    private static CaseId id(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : new CaseId(value);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static <E extends Enum<E>> E code(ResultSet rs, String column, Class<E> type) throws SQLException {
        String value = rs.getString(column);
        return value == null ? null : Enum.valueOf(type, value);
    }
}
