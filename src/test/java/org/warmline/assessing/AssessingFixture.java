package org.warmline.assessing;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.warmline.organization.OrganizationStore;
import org.warmline.security.Account;
import org.warmline.security.AccountStore;
import org.warmline.security.Role;

/**
 * The example ledger ({@code examples/ledger}) loaded into the test database once, and an account and API token per
 * kind of caller: the office (ASSESSOR, ADMIN), the manager of branch B01 (in scope: B01, its station, teams, area and
 * the area's stewards), the manager of B02, an agent and a handler. Subclasses are {@code @SpringBootTest}s with a
 * database of their own.
 */
abstract class AssessingFixture {

    enum Caller { ADMIN, ASSESSOR, MANAGER_B01, MANAGER_B02, AGENT, HANDLER }

    private final Map<Caller, String> tokens = new EnumMap<>(Caller.class);
    private final Map<Caller, Account> accounts = new EnumMap<>(Caller.class);

    @Autowired
    MockMvc mvc;
    @Autowired
    AccountStore accountStore;
    @Autowired
    OrganizationStore organization;
    @Autowired
    DataSource dataSource;

    @BeforeEach
    void exampleAndAccounts() {
        if (organization.unit("HQ").isEmpty()) {
            LiveAssessmentStoresTest.load(dataSource, LiveAssessmentStoresTest.example());
        }
        account(Caller.ADMIN, Role.ADMIN, null, null);
        account(Caller.ASSESSOR, Role.ASSESSOR, null, null);
        account(Caller.MANAGER_B01, Role.UNIT_MANAGER, null, "B01");
        account(Caller.MANAGER_B02, Role.UNIT_MANAGER, null, "B02");
        account(Caller.AGENT, Role.AGENT, "KF001", "HQ");
        account(Caller.HANDLER, Role.HANDLER, "GJ0001", "B01S1A01");
    }

    private void account(Caller caller, Role role, String staff, String unit) {
        String username = caller.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
        accounts.put(caller, accountStore.create(username, "secret password", role, staff, unit));
        tokens.put(caller, accountStore.newApiToken(username));
    }

    Account account(Caller caller) {
        return accounts.get(caller);
    }

    <B extends AbstractMockHttpServletRequestBuilder<B>> B as(Caller caller, B request) {
        return request.header("Authorization", "Bearer " + tokens.get(caller));
    }

    static Instant now() {
        return Instant.now();
    }
}
