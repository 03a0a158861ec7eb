package org.warmline.cases;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.warmline.ledger.Unit;
import org.warmline.organization.OrganizationStore;
import org.warmline.organization.Stewards;
import org.warmline.security.Account;
import org.warmline.security.DataScope;
import org.warmline.security.Role;

/**
 * Who may see and do what with a case (docs/desk.md "Roles and data scope"), in one place for pages and API:
 * <ul>
 * <li>data scope ({@link DataScope}, with the unit tree of {@link OrganizationStore}): a case outside it is "not found";</li>
 * <li>the actions each role may take ({@link #may}): a visible case the role may not change is "forbidden";</li>
 * <li>where a case may be sent and to whom ({@link #checkTarget}: a unit manager within their subtree, a handler who
 * is a steward of the unit);</li>
 * <li>who sees the citizen's phone in full ({@link #worksOn}); everyone else sees it {@link PhoneMask masked}.</li>
 * </ul>
 */
@Component
public class CaseAccess {

    private static final String PARENTS = CaseAccess.class.getName() + ".parents";
    private static final Map<Case.Action, Set<Role>> ALLOWED = new EnumMap<>(Case.Action.class);

    static {
        Set<Role> agent = EnumSet.of(Role.AGENT);
        Set<Role> handling = EnumSet.of(Role.UNIT_MANAGER, Role.HANDLER);
        ALLOWED.put(Case.Action.REGISTER, agent);
        ALLOWED.put(Case.Action.ACCEPT, agent);
        ALLOWED.put(Case.Action.ANSWER, agent);
        ALLOWED.put(Case.Action.DISPATCH, EnumSet.of(Role.AGENT, Role.UNIT_MANAGER));
        ALLOWED.put(Case.Action.REASSIGN, EnumSet.of(Role.UNIT_MANAGER));
        ALLOWED.put(Case.Action.CONTACT, handling);
        ALLOWED.put(Case.Action.SURVEY, handling);
        ALLOWED.put(Case.Action.SOLUTION, handling);
        ALLOWED.put(Case.Action.COMPLETE, handling);
        ALLOWED.put(Case.Action.EVALUATE, agent);
        ALLOWED.put(Case.Action.REVIEW, agent);
        ALLOWED.put(Case.Action.REHANDLE, agent);
        ALLOWED.put(Case.Action.EXPLAIN, agent);
        ALLOWED.put(Case.Action.CLOSE, agent);
        ALLOWED.put(Case.Action.WITHDRAW, agent);
        ALLOWED.put(Case.Action.CONFIRM, handling);
        Set<Role> working = EnumSet.of(Role.AGENT, Role.UNIT_MANAGER, Role.HANDLER);
        ALLOWED.put(Case.Action.NOTE, working);
        ALLOWED.put(Case.Action.ATTACH, working);
        ALLOWED.put(Case.Action.CONTACT_ATTEMPT, handling);
        ALLOWED.put(Case.Action.CORRECT, EnumSet.of(Role.AGENT, Role.UNIT_MANAGER));
    }

    private final CaseDesk desk;
    private final OrganizationStore organization;
    private final Stewards stewards;

    /** The desk's access rules on this organisation, with its own {@link Stewards} (tests that build a desk by hand). */
    public CaseAccess(CaseDesk desk, OrganizationStore organization) {
        this(desk, organization, new Stewards(organization));
    }

    @Autowired
    public CaseAccess(CaseDesk desk, OrganizationStore organization, Stewards stewards) {
        this.desk = desk;
        this.organization = organization;
        this.stewards = stewards;
    }

    /**
     * Whether the role may take the action at all (ADMIN and ASSESSOR read only; AGENT registers, accepts, dispatches,
     * answers, calls back, reviews and withdraws; UNIT_MANAGER dispatches and reassigns within the subtree and does what
     * a handler does; HANDLER contacts, surveys, gives the solution, completes and records the citizen's on-site
     * acceptance of a complex case). Notes and files: whoever works the case (AGENT, UNIT_MANAGER, HANDLER); the contact
     * log: UNIT_MANAGER and HANDLER; corrections: AGENT and UNIT_MANAGER.
     */
    public static boolean may(Role role, Case.Action action) {
        return ALLOWED.getOrDefault(action, Set.of()).contains(role);
    }

    /** The case of that number if it exists and is in the account's data scope; otherwise empty (answer 404). */
    public Optional<Case> find(Account account, String caseNo) {
        return desk.findByCaseNo(caseNo).filter(c -> sees(account, c));
    }

    /** Whether the case is in the account's data scope. */
    public boolean sees(Account account, Case c) {
        DataScope scope = account.scope();
        return scope.unrestricted() || scope.allowsCase(c.unit(), chain(c.unit()), c.handler());
    }

    /**
     * Whether the account works the case and so sees the citizen's phone in full: an agent (agents register, call back
     * and review every case), or a unit manager or handler who has the case in their scope (a manager's subtree, where
     * they dispatch, reassign and may do what a handler does; a handler's team or own cases). Administrators and
     * assessors, read-only on cases, see it masked.
     */
    public boolean worksOn(Account account, Case c) {
        return switch (account.role()) {
            case AGENT -> true;
            case UNIT_MANAGER, HANDLER -> sees(account, c);
            default -> false;
        };
    }

    /** The phone as this account may see it. */
    public String phoneFor(Account account, Case c) {
        return worksOn(account, c) ? c.citizenPhone() : PhoneMask.mask(c.citizenPhone());
    }

    /** Refuses a new case by an account whose role may not register. */
    public void checkRegister(Account account) {
        if (!may(account.role(), Case.Action.REGISTER)) {
            throw forbidden(Case.Action.REGISTER);
        }
    }

    /**
     * Refuses an action on a case (which the caller has already found in scope with {@link #find}) that the account's
     * role may not take.
     */
    public void check(Account account, Case c, Case.Action action) {
        if (!sees(account, c)) {
            throw new CaseNotFound(c.caseNo());
        }
        if (!may(account.role(), action)) {
            throw forbidden(action);
        }
    }

    /**
     * Checks where a case is sent and to whom (dispatch, reassign, registration with a unit), for pages and API alike:
     * the unit must exist ({@link TransitionRefused} otherwise), a unit manager may send only within their subtree
     * ({@link CaseForbidden}), and a handler, when one is named, must be a steward of that unit or a unit below it
     * ({@link Stewards}; {@link TransitionRefused} otherwise).
     */
    public void checkTarget(Account account, String unit, String handler) {
        if (unit == null || unit.isBlank()) {
            if (handler != null && !handler.isBlank()) {
                throw new TransitionRefused("case.refused.unit-required", "A responsible unit must be chosen.");
            }
            return; // the transition itself refuses a missing unit
        }
        Map<String, String> parents = parents();
        String code = unit.trim();
        if (!parents.containsKey(code)) {
            throw new TransitionRefused("case.refused.unknown-unit", "There is no unit " + code + ".", code);
        }
        if (account.role() == Role.UNIT_MANAGER && !subtree(account.unitCode(), parents).contains(code)) {
            throw new CaseForbidden("case.forbidden.unit", "A unit manager sends cases only within their own units.",
                    code);
        }
        stewards.refusal(code, handler).ifPresent(refusal -> {
            throw new TransitionRefused("steward.refused." + refusal.name(),
                    handler.trim() + " may not handle the cases of " + code + ": " + refusal + ".", handler.trim(),
                    code);
        });
    }

    /** The query restricted to the account's data scope; its unit filter (if any) expanded to each unit's subtree. */
    public CaseQuery scoped(Account account, CaseQuery query) {
        Map<String, String> parents = parents();
        CaseQuery q = query;
        if (!q.units().isEmpty()) {
            Set<String> expanded = new LinkedHashSet<>();
            q.units().forEach(u -> expanded.addAll(subtree(u, parents)));
            q = q.withUnits(expanded.isEmpty() ? Set.of("") : expanded);
        }
        DataScope scope = account.scope();
        if (scope.unrestricted()) {
            return q;
        }
        Set<String> units = switch (account.role()) {
            case UNIT_MANAGER -> subtree(scope.unitCode(), parents);
            case HANDLER -> scope.unitCode() == null ? Set.of() : Set.of(scope.unitCode());
            default -> Set.of();
        };
        String handler = account.role() == Role.HANDLER ? scope.staffCode() : null;
        return q.visibleTo(new CaseQuery.Visibility(units, handler));
    }

    /** The unit's ancestors, nearest first (without the unit itself); empty for a root or unknown unit. */
    public List<String> chain(String unit) {
        if (unit == null) {
            return List.of();
        }
        Map<String, String> parents = parents();
        List<String> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String at = parents.get(unit);
        while (at != null && seen.add(at)) {
            chain.add(at);
            at = parents.get(at);
        }
        return Collections.unmodifiableList(chain);
    }

    /**
     * The unit tree as child → parent. Read once per web request (kept in the request's attributes), so that a list of
     * cases checks its rows against one reading; outside a request (jobs, tests) read on each call.
     */
    private Map<String, String> parents() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(PARENTS, RequestAttributes.SCOPE_REQUEST) instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, String> cached = (Map<String, String>) m;
            return cached;
        }
        Map<String, String> parents = new HashMap<>();
        for (Unit u : organization.units()) {
            parents.put(u.code(), u.parent());
        }
        Map<String, String> read = Collections.unmodifiableMap(parents);
        if (request != null) {
            request.setAttribute(PARENTS, read, RequestAttributes.SCOPE_REQUEST);
        }
        return read;
    }

    /** The unit and all units below it (empty if the unit is null or unknown). */
    public Set<String> subtree(String root) {
        return subtree(root, parents());
    }

    /** Whether a unit of that code exists. */
    public boolean unitExists(String code) {
        return code != null && parents().containsKey(code);
    }

    /** The unit and all units below it (empty if the unit is null or unknown). */
    private static Set<String> subtree(String root, Map<String, String> parents) {
        if (root == null || !parents.containsKey(root)) {
            return Set.of();
        }
        Map<String, List<String>> children = new HashMap<>();
        parents.forEach((child, parent) -> {
            if (parent != null) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(child);
            }
        });
        Set<String> out = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            String u = todo.remove(todo.size() - 1);
            if (out.add(u)) {
                todo.addAll(children.getOrDefault(u, List.of()));
            }
        }
        return out;
    }

    private static CaseForbidden forbidden(Case.Action action) {
        return new CaseForbidden("case.forbidden.action", "This account may not do this: " + action.english() + ".",
                new DefaultMessageSourceResolvable(new String[] {"case.action." + action.name()}, action.name()));
    }
}
