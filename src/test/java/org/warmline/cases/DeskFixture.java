package org.warmline.cases;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.warmline.calendar.WorkingCalendar;
import org.warmline.ledger.Post;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SchemeLoader;
import org.warmline.security.Account;
import org.warmline.security.Role;
import org.warmline.persistence.Databases;

/** A desk on a fresh database, with a small organisation: HQ (agent A01), branch B1 with team T1 (steward S01). */
final class DeskFixture {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Scheme SCHEME = SchemeLoader.defaultScheme();
    static final WorkingCalendar CALENDAR = WorkingCalendar.shipped(SHANGHAI);
    static final List<Unit> UNITS = List.of(new Unit("HQ", "总部客户服务部", UnitKind.HQ_SERVICE, null),
            new Unit("B1", "城东分公司", UnitKind.BRANCH, null), new Unit("T1", "城东维修一班", UnitKind.TEAM, "B1"),
            new Unit("T2", "城东维修二班", UnitKind.TEAM, "B1"));
    static final List<Staff> STAFF = List.of(new Staff("A01", "张客服", Post.AGENT, "HQ"),
            new Staff("S01", "李管家", Post.STEWARD, "T1"), new Staff("S02", "赵管家", Post.STEWARD, "T2"));
    static final Account AGENT = new Account(1, "zhang", Role.AGENT, "A01", null, true, 0, null, Instant.EPOCH);
    static final Account STEWARD = new Account(2, "li", Role.HANDLER, "S01", "T1", true, 0, null, Instant.EPOCH);
    static final Account MANAGER = new Account(3, "wang", Role.UNIT_MANAGER, null, "B1", true, 0, null, Instant.EPOCH);

    final DataSource dataSource;
    final JdbcClient jdbc;
    final JdbcTransactionManager transactions;
    final CaseClocks clocks;
    final CaseRepository repository;
    final List<Object> events = new ArrayList<>();
    final CaseDesk desk;

    DeskFixture(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new JdbcTransactionManager(dataSource);
        this.clocks = new CaseClocks(SCHEME, CALENDAR, 0.8);
        this.repository = new CaseRepository(jdbc, clocks, Databases.caseDatabase(dataSource));
        this.desk = new CaseDesk(repository, clocks, transactions, events::add);
        for (Unit u : UNITS) {
            jdbc.sql("insert into org_unit (code, name, kind, parent) values (?, ?, ?, ?)")
                    .params(u.code(), u.name(), u.kind().name(), u.parent()).update();
        }
    }
}
