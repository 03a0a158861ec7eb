package org.warmline.assessment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.warmline.ledger.DataSet;
import org.warmline.ledger.Post;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;

/** The unit tree and the staff of a data set, indexed for the engine. */
final class Organization {

    private final Map<String, Unit> units = new HashMap<>();
    private final Map<String, Staff> staff = new HashMap<>();
    private final Map<String, List<String>> chains = new HashMap<>();
    private final String hq;

    Organization(DataSet data) {
        String hqCode = null;
        for (Unit unit : data.units()) {
            units.put(unit.code(), unit);
            if (unit.kind() == UnitKind.HQ_SERVICE && (hqCode == null || unit.code().compareTo(hqCode) < 0)) {
                hqCode = unit.code();
            }
        }
        for (Staff person : data.staff()) {
            staff.put(person.code(), person);
        }
        this.hq = hqCode;
        for (Unit unit : data.units()) {
            List<String> chain = new ArrayList<>();
            String code = unit.code();
            while (code != null && units.containsKey(code) && !chain.contains(code)) {
                chain.add(code);
                code = units.get(code).parent();
            }
            chains.put(unit.code(), Collections.unmodifiableList(chain));
        }
    }

    /** The HQ_SERVICE unit's code, or {@code null}. */
    String hq() {
        return hq;
    }

    Unit unit(String code) {
        return code == null ? null : units.get(code);
    }

    Staff staff(String code) {
        return code == null ? null : staff.get(code);
    }

    /** The unit and its ancestors, nearest first; empty for an unknown code. */
    List<String> chain(String unitCode) {
        if (unitCode == null) {
            return List.of();
        }
        return chains.getOrDefault(unitCode, List.of());
    }

    /** The HQ_SERVICE unit an agent belongs to (its unit or an ancestor), or {@code null}. */
    String hqOfAgent(String staffCode) {
        Staff person = staff(staffCode);
        if (person == null || person.post() != Post.AGENT || hq == null) {
            return null;
        }
        return chain(person.unit()).contains(hq) ? hq : null;
    }

    /** Whether the code names a staff member with post AGENT. */
    boolean isAgent(String staffCode) {
        Staff person = staff(staffCode);
        return person != null && person.post() == Post.AGENT;
    }
}
