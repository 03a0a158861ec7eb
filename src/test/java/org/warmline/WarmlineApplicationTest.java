package org.warmline;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.warmline.cases.CaseLedgerStore;
import org.warmline.organization.OrganizationStore;

import static org.assertj.core.api.Assertions.assertThat;

/** The server starts on an embedded database, migrated by Flyway, with its stores ready. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:app;DB_CLOSE_DELAY=-1")
class WarmlineApplicationTest {

    @Autowired
    OrganizationStore organization;

    @Autowired
    CaseLedgerStore cases;

    @Test
    void startsWithAMigratedEmptyDatabase() {
        assertThat(organization.units()).isEmpty();
        assertThat(cases.count()).isZero();
    }
}
