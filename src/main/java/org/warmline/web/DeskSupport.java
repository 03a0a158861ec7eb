package org.warmline.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.cases.Case;
import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CasePage;
import org.warmline.cases.CaseQuery;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.organization.OrganizationStore;
import org.warmline.security.Account;
import org.warmline.security.CurrentUser;
import org.warmline.security.Role;

/**
 * What the desk pages share: the signed-in account, the unit tree for data scope, which cases an account may see and
 * work (and so whether it sees a citizen's full phone number), phone masking, and the rows the lists show.
 */
@Component
class DeskSupport {

    private final CaseDesk desk;
    private final CurrentUser currentUser;
    private final OrganizationStore organization;
    private final DeskFormat format;

    DeskSupport(CaseDesk desk, CurrentUser currentUser, OrganizationStore organization, WorkingCalendar calendar) {
        this.desk = desk;
        this.currentUser = currentUser;
        this.organization = organization;
        this.format = new DeskFormat(calendar.zone());
    }

    DeskFormat format() {
        return format;
    }

    CaseDesk desk() {
        return desk;
    }

    /** The signed-in account; a request without one (not let through by security) is refused. */
    Account me() {
        return currentUser.account().orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }

    /** The organisation as it stands now. */
    Org org() {
        return new Org(organization.units(), organization.staff());
    }

    /** The unit tree and staff, for data scope and display names. */
    record Org(Map<String, Unit> units, Map<String, Staff> staff) {

        Org(List<Unit> units, List<Staff> staff) {
            this(index(units, Unit::code), index(staff, Staff::code));
        }

        private static <T> Map<String, T> index(List<T> items, java.util.function.Function<T, String> key) {
            Map<String, T> out = new LinkedHashMap<>();
            items.forEach(i -> out.put(key.apply(i), i));
            return out;
        }

        /** The codes of the unit's ancestors, nearest first. */
        List<String> chain(String code) {
            List<String> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            Unit u = code == null ? null : units.get(code);
            while (u != null && u.parent() != null && seen.add(u.parent())) {
                out.add(u.parent());
                u = units.get(u.parent());
            }
            return out;
        }

        /** The unit and every unit below it. */
        Set<String> subtree(String root) {
            Set<String> out = new HashSet<>();
            if (root == null) {
                return out;
            }
            out.add(root);
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Unit u : units.values()) {
                    if (u.parent() != null && out.contains(u.parent()) && out.add(u.code())) {
                        grew = true;
                    }
                }
            }
            return out;
        }

        String unitName(String code) {
            Unit u = code == null ? null : units.get(code);
            return u == null ? (code == null ? "" : code) : u.name();
        }

        String staffName(String code) {
            Staff s = code == null ? null : staff.get(code);
            return s == null ? (code == null ? "" : code) : s.name() + "(" + s.code() + ")";
        }
    }

    /** Whether the account may see the case at all (else: 404). */
    boolean canSee(Account account, Case c, Org org) {
        return account.scope().allowsCase(c.unit(), org.chain(c.unit()), c.handler());
    }

    /**
     * Whether the account works the case: its handler, an account of its unit or above, or an agent or administrator
     * (not the read-only assessors). Those see the citizen's full phone number in lists and may reveal it on the case.
     */
    boolean worksCase(Account account, Case c, Org org) {
        return account.role() != Role.ASSESSOR && canSee(account, c, org);
    }

    /** The case with this number if the account may see it; 404 otherwise, exactly as for an unknown number. */
    Case visibleCase(String caseNo, Account account, Org org) {
        Optional<Case> found = caseNo == null || caseNo.isBlank() || caseNo.length() > 64 ? Optional.empty()
                : desk.findByCaseNo(caseNo);
        return found.filter(c -> canSee(account, c, org))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The masked phone as the API shows it ({@link org.warmline.cases.PhoneMask}), empty instead of null. */
    static String mask(String phone) {
        String masked = org.warmline.cases.PhoneMask.mask(phone);
        return masked == null ? "" : masked;
    }

    /** A case as a list shows it. */
    record Row(Case c, String phone, boolean phoneMasked, String unitName, String handlerName,
               List<CaseClocks.Clock> clocks, Optional<Instant> nearestDeadline) {

        boolean late() {
            return clocks.stream().anyMatch(k -> k.colour() == CaseClocks.Colour.RED);
        }

        /** The worst colour among the running clocks, or null when none runs. */
        CaseClocks.Colour worst() {
            return clocks.stream().map(CaseClocks.Clock::colour).max(Comparator.naturalOrder()).orElse(null);
        }
    }

    Row row(Case c, Account account, Org org, Instant now) {
        boolean full = worksCase(account, c, org);
        CaseClocks.Reading reading = desk.clocks(c, now);
        return new Row(c, full ? nullToEmpty(c.citizenPhone()) : mask(c.citizenPhone()), !full,
                org.unitName(c.unit()), org.staffName(c.handler()), reading.clocks(), reading.nearestDeadline());
    }

    List<Row> rows(List<Case> cases, Account account, Org org, Instant now) {
        return cases.stream().map(c -> row(c, account, org, now)).toList();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * A page of the cases the account may see that match the query: everything for agents, administrators and
     * assessors; a unit manager's subtree; a handler's team and the cases assigned to them. A query's unit filter is
     * narrowed to the scope (a unit outside it gives nothing).
     */
    CasePage search(Account account, CaseQuery query, Org org) {
        if (account.scope().unrestricted()) {
            return desk.search(query);
        }
        if (account.role() == Role.UNIT_MANAGER) {
            Set<String> scope = org.subtree(account.unitCode());
            Set<String> units = new HashSet<>(scope);
            if (!query.units().isEmpty()) {
                units.retainAll(query.units());
            }
            if (units.isEmpty()) {
                return new CasePage(List.of(), 0, query.limit(), query.offset());
            }
            return desk.search(query.withUnits(units));
        }
        if (account.role() == Role.HANDLER) {
            return handlerSearch(account, query);
        }
        return new CasePage(List.of(), 0, query.limit(), query.offset());
    }

    /** A handler's team's cases and their own, merged in memory (a handler's share is small), then paged. */
    private CasePage handlerSearch(Account account, CaseQuery query) {
        Map<Long, Case> found = new HashMap<>();
        CaseQuery all = query.page(500, 0);
        String team = account.unitCode();
        if (team != null && (query.units().isEmpty() || query.units().contains(team))) {
            desk.search(all.withUnits(Set.of(team))).cases().forEach(c -> found.put(c.id().value(), c));
        }
        String me = account.staffCode();
        if (me != null && (query.handler() == null || query.handler().isBlank() || query.handler().trim().equals(me))) {
            desk.search(all.withHandler(me)).cases().forEach(c -> found.put(c.id().value(), c));
        }
        List<Case> sorted = new ArrayList<>(found.values());
        sorted.sort(Comparator.<Case, Instant>comparing(c -> desk.clocks(c, Instant.EPOCH).nearestDeadline()
                        .orElse(Instant.MAX))
                .thenComparing(Case::submittedAt).thenComparing(c -> c.id().value()));
        int from = Math.min(query.offset(), sorted.size());
        int to = Math.min(from + query.limit(), sorted.size());
        return new CasePage(sorted.subList(from, to), sorted.size(), query.limit(), query.offset());
    }

    /** Every case of the query the account may see, page by page, up to {@code cap}. */
    List<Case> all(Account account, CaseQuery query, Org org, int cap) {
        List<Case> out = new ArrayList<>();
        int offset = 0;
        while (out.size() < cap) {
            CasePage page = search(account, query.page(500, offset), org);
            out.addAll(page.cases());
            offset += 500;
            if (page.cases().size() < 500 || offset >= page.total()) {
                break;
            }
        }
        return out.size() > cap ? out.subList(0, cap) : out;
    }
}
