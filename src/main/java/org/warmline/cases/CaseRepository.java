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

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.warmline.assessment.PhoneNumbers;

/**
 * The desk's cases in table {@code petition_case} and their history in {@code case_history} (JDBC). Updates use
 * optimistic locking: a case saved from a version someone else has changed since is refused with {@link CaseChanged}.
 * Nothing is ever deleted. Every save also keeps the case's nearest running deadline (for sorting) and its normalised
 * phone (for intake look-ups).
 */
@Repository
public class CaseRepository {

    private static final String SELECT = "select id, version, " + PetitionCaseTable.COLUMNS + " from petition_case ";
    /** Matches counted at most (beyond the page asked for) by {@link #search}. */
    public static final long COUNT_CAP = 10_000;
    /**
     * Matches counted at most by a text search: each match counted is a text compared, so counting a common word to
     * 10,000 costs most of a search's time; a thousand matches are more than anyone pages through.
     */
    public static final long TEXT_COUNT_CAP = 1_000;
    static final String HISTORY_FIELDS =
            "case_id, at, actor, action, field, before_value, after_value, note, note_key, note_args";
    static final int HISTORY_COLUMNS = HISTORY_FIELDS.split(",").length;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    /**
     * What the list's text search looks in: the generated column {@code search_text}, the number, citizen name, address,
     * demand, solution and notes in lower case (db/migration V13_2); on PostgreSQL a trigram index over it finds any
     * substring of three or more characters.
     */
    static final String SEARCH_TEXT = "search_text";

    private final JdbcClient jdbc;
    private final CaseClocks clocks;
    private final CaseDatabase database;

    public CaseRepository(JdbcClient jdbc, CaseClocks clocks, CaseDatabase database) {
        this.jdbc = jdbc;
        this.clocks = clocks;
        this.database = database;
    }

    /**
     * Stores a new case (version 0) and gives it its id and, when it has none, the case number {@code W} + the
     * submission date (yyyyMMdd, in the calendar's zone) + {@code -} + the id zero-padded to (at least) 6 digits, as
     * the database does it ({@link CaseDatabase#insert}).
     */
    public Case insert(Case c) {
        return store(c, false);
    }

    /**
     * Stores a new case as {@link #insert} does, together with the history lines recorded on it so far (typically its
     * registration), committed together (on PostgreSQL in one statement, in the caller's transaction or, without one,
     * in autocommit: when it returns, the case is committed).
     */
    public Case insertWithHistory(Case c) {
        return store(c, true);
    }

    private Case store(Case c, boolean withHistory) {
        if (c.id != null) {
            throw new IllegalArgumentException("already stored: " + c);
        }
        c.version = 0;
        String prefix = c.caseNo() == null ? "W" + DAY.format(c.submittedAt().atZone(clocks.zone())) + "-" : null;
        database.insert(c, PetitionCaseTable.values(c, clocks), prefix, withHistory);
        return c;
    }

    /**
     * Saves the case's fields if it still has the version it was read with, and increments its version.
     *
     * @throws CaseChanged when someone else saved the case in between
     */
    public void update(Case c) {
        String assignments = String.join(" = ?, ", PetitionCaseTable.COLUMNS.split(", ")) + " = ?";
        List<Object> params = PetitionCaseTable.values(c, clocks);
        params.add(c.id.value());
        params.add(c.version);
        int rows = jdbc.sql("update petition_case set " + assignments + ", version = version + 1 "
                        + "where id = ? and version = ?")
                .params(params)
                .update();
        if (rows == 0) {
            throw new CaseChanged(c.id, c.caseNo());
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
                        PhoneNumbers.normalize(c.citizenPhone()), c.id.value())
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
                .query(PetitionCaseTable::read).list();
        for (Case c : open) {
            jdbc.sql("update petition_case set nearest_deadline = ?, amber_at = ? where id = ?")
                    .params(clocks.nearestDeadline(c).map(CaseRepository::time).orElse(null),
                            clocks.nearestAmber(c).map(CaseRepository::time).orElse(null), c.id.value())
                    .update();
        }
        return open.size();
    }

    public Optional<Case> findById(CaseId id) {
        return jdbc.sql(SELECT + "where id = ?").param(id.value()).query(PetitionCaseTable::read).optional();
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    /** The case, its row locked until the end of the caller's transaction ({@code for update}). */
    public Optional<Case> lockById(CaseId id) {
        return jdbc.sql(SELECT + "where id = ? for update").param(id.value()).query(PetitionCaseTable::read).optional();
    }

    public Optional<Case> findByCaseNo(String caseNo) {
        return jdbc.sql(SELECT + "where case_no = ?").param(caseNo).query(PetitionCaseTable::read).optional();
    }

    /** The cases with these numbers (withdrawn ones included), by number; numbers no case has are left out. */
    public java.util.Map<String, Case> findByCaseNos(java.util.Collection<String> caseNos) {
        java.util.Map<String, Case> found = new java.util.HashMap<>();
        List<String> all = List.copyOf(caseNos);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            jdbc.sql(SELECT + "where case_no in (" + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"))
                            + ")")
                    .params(chunk).query(PetitionCaseTable::read).list().forEach(c -> found.put(c.caseNo(), c));
        }
        return found;
    }

    public Optional<Case> findByIdempotencyKey(String key) {
        return jdbc.sql(SELECT + "where idempotency_key = ?").param(key).query(PetitionCaseTable::read).optional();
    }

    /**
     * The open cases (not closed, not withdrawn) whose nearest running deadline is before {@code now}: every case with a
     * red clock is among them. By id.
     */
    public List<Case> openPastDeadline(Instant now) {
        return jdbc.sql(SELECT + "where state not in ('CLOSED', 'WITHDRAWN') and nearest_deadline < ? order by id")
                .param(time(now))
                .query(PetitionCaseTable::read)
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
                .query(PetitionCaseTable::read)
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
                .query(PetitionCaseTable::read)
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
                .query(PetitionCaseTable::read)
                .list();
    }

    /** The EVALUATED cases evaluated at or before {@code before}, with no dissatisfied review open, by id. */
    public List<Case> evaluatedBefore(Instant before) {
        return jdbc.sql(SELECT + "where state = 'EVALUATED' and evaluated_at <= ? "
                        + "and (unsatisfied_at is null or reviewed_at is not null) order by id")
                .param(time(before))
                .query(PetitionCaseTable::read)
                .list();
    }

    /** The cases linked to this one as its repeats or follow-ups, by submission. */
    public List<Case> relatedTo(CaseId earlier) {
        return jdbc.sql(SELECT + "where repeat_of = ? or follow_up_of = ? order by submitted_at, id")
                .params(earlier.value(), earlier.value())
                .query(PetitionCaseTable::read)
                .list();
    }

    /** The cases linked under a complex case, by id. */
    public List<Case> children(CaseId parent) {
        return jdbc.sql(SELECT + "where parent_case = ? order by id").param(parent.value())
                .query(PetitionCaseTable::read).list();
    }

    /** Adds lines to cases' histories (one statement). */
    public void appendHistory(List<HistoryEntry> entries) {
        appendHistory(jdbc, entries);
    }

    static void appendHistory(JdbcClient jdbc, List<HistoryEntry> entries) {
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

    static List<Object> historyValues(HistoryEntry h) {
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
                .query(PetitionCaseTable::read)
                .list();
    }

    /** A page of cases matching the query, sorted by nearest running deadline, then submission. */
    public CasePage search(CaseQuery q) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = where(q, params);
        if (!searchText(q).isEmpty()) {
            return database.textSearch(() -> page(q, where, params));
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
            where.append(database.textCondition(text, params));
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
                .query(PetitionCaseTable::read)
                .list();
        return new CasePage(cases, total, q.limit(), q.offset(), capped);
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
