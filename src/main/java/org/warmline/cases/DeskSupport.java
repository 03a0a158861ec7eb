package org.warmline.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.organization.OrganizationStore;
import org.warmline.organization.Stewards;
import org.warmline.security.Account;
import org.warmline.security.CurrentUser;
import org.warmline.web.DeskFormat;

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
    private final CaseAccess access;
    private final Stewards stewards;

    DeskSupport(CaseDesk desk, CurrentUser currentUser, OrganizationStore organization, DeskFormat format,
                CaseAccess access, Stewards stewards) {
        this.desk = desk;
        this.currentUser = currentUser;
        this.organization = organization;
        this.format = format;
        this.access = access;
        this.stewards = stewards;
    }

    /** Who may be named as a case's handler (the one rule of {@link Stewards}, which the forms offer). */
    Stewards stewards() {
        return stewards;
    }

    /** Who may see and do what: the one permission table of pages and API. */
    CaseAccess access() {
        return access;
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

        String unitName(String code) {
            Unit u = code == null ? null : units.get(code);
            return u == null ? (code == null ? "" : code) : u.name();
        }

        String staffName(String code) {
            Staff s = code == null ? null : staff.get(code);
            return s == null ? (code == null ? "" : code) : s.name() + "(" + s.code() + ")";
        }
    }

    /** Whether the account works the case (and so sees the citizen's full phone): {@link CaseAccess#worksOn}. */
    boolean worksCase(Account account, Case c) {
        return access.worksOn(account, c);
    }

    /** The case with this number if the account may see it; 404 otherwise, exactly as for an unknown number. */
    Case visibleCase(String caseNo, Account account) {
        Optional<Case> found = caseNo == null || caseNo.isBlank() || caseNo.length() > 64 ? Optional.empty()
                : access.find(account, caseNo);
        return found.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The masked phone as the API shows it ({@link PhoneMask}), empty instead of null. */
    static String mask(String phone) {
        String masked = PhoneMask.mask(phone);
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
        boolean full = worksCase(account, c);
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
     * A page of the cases the account may see that match the query ({@link CaseAccess#scoped}: everything for agents,
     * administrators and assessors; a unit manager's subtree; a handler's team and the cases assigned to them). A
     * query's unit filter takes each unit's subtree; a unit outside the scope gives nothing.
     */
    CasePage search(Account account, CaseQuery query) {
        return desk.search(access.scoped(account, query));
    }

    /** Every case of the query the account may see, page by page, up to {@code cap}. */
    List<Case> all(Account account, CaseQuery query, int cap) {
        List<Case> out = new ArrayList<>();
        int offset = 0;
        while (out.size() < cap) {
            CasePage page = search(account, query.page(500, offset));
            out.addAll(page.cases());
            offset += 500;
            if (page.cases().size() < 500 || offset >= page.total()) {
                break;
            }
        }
        return out.size() > cap ? out.subList(0, cap) : out;
    }
}
