package org.warmline.organization;

import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.ledger.Post;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;

/** The unit tree and staff in the database; each change is published ({@link OrganizationChanged}). */
@Repository
public class OrganizationStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    /** A store that tells nobody of its changes (tests of other stores). */
    public OrganizationStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this(jdbc, transactions, event -> { });
    }

    @Autowired
    public OrganizationStore(JdbcClient jdbc, PlatformTransactionManager transactions,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
    }

    /** Every unit, parents before children's order not guaranteed; by code. */
    public List<Unit> units() {
        return jdbc.sql("select code, name, kind, parent from org_unit order by code")
                .query((rs, i) -> new Unit(rs.getString("code"), rs.getString("name"),
                        UnitKind.valueOf(rs.getString("kind")), rs.getString("parent")))
                .list();
    }

    /** Every staff member, by code. */
    public List<Staff> staff() {
        return jdbc.sql("select code, name, post, unit from staff order by code")
                .query((rs, i) -> new Staff(rs.getString("code"), rs.getString("name"),
                        Post.valueOf(rs.getString("post")), rs.getString("unit")))
                .list();
    }

    /** The unit of a code, if any. */
    public java.util.Optional<Unit> unit(String code) {
        return units().stream().filter(u -> u.code().equals(code)).findFirst();
    }

    /** The staff member of a code, if any. */
    public java.util.Optional<Staff> staffMember(String code) {
        return staff().stream().filter(s -> s.code().equals(code)).findFirst();
    }

    /** Whether a unit or a staff member has this code (codes are unique across units and staff). */
    public boolean codeTaken(String code) {
        return jdbc.sql("select (select count(*) from org_unit where code = ?) + (select count(*) from staff where code = ?)")
                .params(code, code).query(Long.class).single() > 0;
    }

    /**
     * Adds or updates units and staff, all in one transaction: parents are written first, so a tree read from a ledger
     * (already validated by the ledger reader: no cycles, known parents) goes in whatever its row order.
     */
    public void saveAll(List<Unit> units, List<Staff> staff) {
        transaction.executeWithoutResult(status -> {
            write(units, staff);
            events.publishEvent(new OrganizationChanged(units.size(), staff.size()));
        });
    }

    private void write(List<Unit> units, List<Staff> staff) {
        List<Unit> pending = new java.util.ArrayList<>(units);
        java.util.Set<String> written = new java.util.HashSet<>(units().stream().map(Unit::code).toList());
        while (!pending.isEmpty()) {
            int before = pending.size();
            for (var it = pending.iterator(); it.hasNext(); ) {
                Unit unit = it.next();
                if (unit.parent() == null || written.contains(unit.parent())) {
                    upsert(unit);
                    written.add(unit.code());
                    it.remove();
                }
            }
            if (pending.size() == before) {
                throw new IllegalArgumentException("units with unknown parents or a cycle: "
                        + pending.stream().map(Unit::code).toList());
            }
        }
        for (Staff person : staff) {
            int updated = jdbc.sql("update staff set name = ?, post = ?, unit = ?, version = version + 1 where code = ?")
                    .params(person.name() == null ? "" : person.name(), person.post().name(), person.unit(), person.code())
                    .update();
            if (updated == 0) {
                jdbc.sql("insert into staff (code, name, post, unit) values (?, ?, ?, ?)")
                        .params(person.code(), person.name() == null ? "" : person.name(), person.post().name(),
                                person.unit())
                        .update();
            }
        }
    }

    private void upsert(Unit unit) {
        String name = unit.name() == null ? "" : unit.name();
        int updated = jdbc.sql("update org_unit set name = ?, kind = ?, parent = ?, version = version + 1 where code = ?")
                .params(name, unit.kind().name(), unit.parent(), unit.code())
                .update();
        if (updated == 0) {
            jdbc.sql("insert into org_unit (code, name, kind, parent) values (?, ?, ?, ?)")
                    .params(unit.code(), name, unit.kind().name(), unit.parent())
                    .update();
        }
    }
}
