package org.warmline.organization;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The routing rules an administrator maintains (table {@code routing_rule}), and the routing proposal for a new case:
 * the first enabled rule by priority (lowest number first, then the oldest rule) that matches decides the unit and the
 * steward. The agent may override the proposal.
 */
@Component
public class RoutingRules {

    /** A proposal: the responsible unit and the area steward (null when the rule names none). */
    public record Proposal(String unitCode, String stewardCode, long ruleId) {
    }

    private static final String COLUMNS = "id, priority, match_kind, match_value, unit, steward, enabled";
    /** How long a proposal may use the enabled rules as read before (another instance's change shows this late). */
    static final java.time.Duration CACHE = java.time.Duration.ofSeconds(5);

    private record Cached(long readAt, List<RoutingRule> rules) {
    }

    private final JdbcClient jdbc;
    private volatile Cached cached;

    public RoutingRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Proposes the unit and steward of a case.
     *
     * @param address           the citizen's address, or null
     * @param stationOrAreaCode the code of the heating station or area chosen, or null
     * @return the first matching enabled rule's unit and steward, or empty when no rule matches
     */
    public Optional<Proposal> propose(String address, String stationOrAreaCode) {
        return enabled().stream().filter(rule -> rule.matches(address, stationOrAreaCode)).findFirst()
                .map(rule -> new Proposal(rule.unit(), rule.steward(), rule.id()));
    }

    /** Every rule, enabled ones first, each group by priority. */
    public List<RoutingRule> all() {
        return jdbc.sql("select " + COLUMNS + " from routing_rule order by enabled desc, priority, id")
                .query((rs, i) -> new RoutingRule(rs.getLong("id"), rs.getInt("priority"),
                        RoutingRule.MatchKind.valueOf(rs.getString("match_kind")), rs.getString("match_value"),
                        rs.getString("unit"), rs.getString("steward"), rs.getBoolean("enabled")))
                .list();
    }

    /**
     * The enabled rules, read at most every {@link #CACHE} (online intake proposes for every case it takes in; a
     * change on this instance is seen at once).
     */
    private List<RoutingRule> enabled() {
        Cached c = cached;
        long now = System.nanoTime();
        if (c == null || now - c.readAt() > CACHE.toNanos()) {
            c = new Cached(now, all().stream().filter(RoutingRule::enabled).toList());
            cached = c;
        }
        return c.rules();
    }

    /**
     * Adds an enabled rule.
     *
     * @return the new rule's id
     */
    public long add(int priority, RoutingRule.MatchKind kind, String value, String unit, String steward) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into routing_rule (priority, match_kind, match_value, unit, steward) values (?, ?, ?, ?, ?)")
                .params(priority, kind.name(), value.trim(), unit, steward == null || steward.isBlank() ? null : steward)
                .update(keys, "id");
        cached = null;
        return keys.getKey().longValue();
    }

    /** Disables a rule (rules are never deleted). @return whether a rule with this id existed */
    public boolean disable(long id) {
        cached = null;
        return jdbc.sql("update routing_rule set enabled = false, version = version + 1 where id = ?").param(id)
                .update() > 0;
    }
}
