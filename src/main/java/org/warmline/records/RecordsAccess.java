package org.warmline.records;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.organization.OrganizationStore;
import org.warmline.security.Account;
import org.warmline.security.CurrentUser;
import org.warmline.security.Role;

/**
 * Who may see and record the manual assessment records (docs/desk.md "Roles and data scope"):
 * <ul>
 *   <li>{@code ASSESSOR}: sees and records everything;</li>
 *   <li>{@code ADMIN}: sees everything, records nothing;</li>
 *   <li>{@code UNIT_MANAGER}: sees the records of their unit's subtree (units, and staff of those units), and may add a
 *       training held for a unit of that subtree and attach its sign-in sheet, courseware and photos — the units hold
 *       their trainings themselves and keep the files; everything else they only read;</li>
 *   <li>everyone else: 403.</li>
 * </ul>
 */
@Component
class RecordsAccess {

    private final CurrentUser currentUser;
    private final OrganizationStore organization;

    RecordsAccess(CurrentUser currentUser, OrganizationStore organization) {
        this.currentUser = currentUser;
        this.organization = organization;
    }

    /**
     * The signed-in user as these pages see them.
     *
     * @param units     every unit, by code, in tree order of the store
     * @param scope     the unit codes whose records the user sees, or null for all
     * @param staff     every staff member, by code
     */
    record Viewer(String username, Role role, String name, Map<String, Unit> units, Set<String> scope,
                  Map<String, Staff> staff) {

        /** Whether the user records manual items (the assessor). */
        public boolean records() {
            return role == Role.ASSESSOR;
        }

        public boolean seesUnit(String code) {
            return scope == null || (code != null && scope.contains(code));
        }

        /** A subject (unit or staff code) in scope: a unit of the scope, or a person of a unit of it. */
        public boolean seesSubject(String code) {
            if (scope == null) {
                return true;
            }
            Staff person = code == null ? null : staff.get(code);
            return seesUnit(code) || (person != null && seesUnit(person.unit()));
        }

        /** Whether the user may add a training for the unit and attach its files. */
        public boolean mayAddTraining(String unit) {
            return records() || (role == Role.UNIT_MANAGER && unit != null && seesUnit(unit));
        }

        /** Whether the user may add a training at all (the form is shown). */
        public boolean addsTrainings() {
            return records() || role == Role.UNIT_MANAGER;
        }

        /** The units the user sees, in the store's order. */
        public List<Unit> visibleUnits() {
            return units.values().stream().filter(u -> seesUnit(u.code())).toList();
        }

        /** The staff the user sees. */
        public List<Staff> visibleStaff() {
            return staff.values().stream().filter(s -> seesUnit(s.unit())).toList();
        }

        public String unitName(String code) {
            Unit u = code == null ? null : units.get(code);
            return u == null ? (code == null ? "" : code) : u.name();
        }

        /** A subject's display name: a unit's or a person's name, or the code itself. */
        public String subjectName(String code) {
            Staff s = code == null ? null : staff.get(code);
            return s != null ? s.name() : unitName(code);
        }
    }

    /** The viewer, or 403 for a role that may not open these pages. */
    Viewer viewer() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        Role role = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith("ROLE_")).map(a -> a.substring(5))
                .filter(RecordsAccess::isRole).map(Role::valueOf).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
        if (role != Role.ASSESSOR && role != Role.ADMIN && role != Role.UNIT_MANAGER) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        Optional<Account> account = currentUser.account();
        Map<String, Unit> units = new LinkedHashMap<>();
        organization.units().forEach(u -> units.put(u.code(), u));
        Map<String, Staff> staff = new LinkedHashMap<>();
        organization.staff().forEach(s -> staff.put(s.code(), s));
        Set<String> scope = null;
        if (role == Role.UNIT_MANAGER) {
            scope = subtree(units, account.map(Account::unitCode).orElse(null));
        }
        String name = authentication.getName();
        String staffCode = account.map(Account::staffCode).orElse(null);
        if (staffCode != null && staff.containsKey(staffCode)) {
            name = staff.get(staffCode).name();
        }
        return new Viewer(authentication.getName(), role, name, units, scope, staff);
    }

    /** The viewer, or 403 unless they record manual items (the assessor). */
    Viewer recorder() {
        Viewer viewer = viewer();
        if (!viewer.records()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return viewer;
    }

    private static boolean isRole(String name) {
        for (Role r : Role.values()) {
            if (r.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The unit and every unit below it; empty for no unit. */
    static Set<String> subtree(Map<String, Unit> units, String root) {
        Set<String> out = new HashSet<>();
        if (root == null || !units.containsKey(root)) {
            return out;
        }
        out.add(root);
        List<Unit> all = new ArrayList<>(units.values());
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Unit u : all) {
                if (u.parent() != null && out.contains(u.parent()) && out.add(u.code())) {
                    grew = true;
                }
            }
        }
        return out;
    }
}
