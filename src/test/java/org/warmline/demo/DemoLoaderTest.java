package org.warmline.demo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.warmline.cases.Case;
import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseQuery;
import org.warmline.cases.CaseState;
import org.warmline.security.AccountStore;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --demo} loads a living desk: accounts for every role with tokens, cases in every state, late ones. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1",
        "warmline.demo.accounts-file=target/demo-test/demo-accounts.csv"})
class DemoLoaderTest {

    @Autowired
    DemoLoader loader;

    @Autowired
    CaseDesk desk;

    @Autowired
    AccountStore accounts;

    @Autowired
    org.warmline.records.ManualRecords records;

    @Test
    void loadsADeskInEveryStateWithAnAccountPerRole() throws Exception {
        Instant now = Instant.parse("2026-11-28T02:00:00Z");
        loader.load(now);

        List<String> lines = Files.readAllLines(Path.of("target/demo-test/demo-accounts.csv"), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("role,username,password,token");
        assertThat(records.regulations()).as("regulations of the demo company").isNotEmpty();
        assertThat(records.trainings()).as("trainings of the demo company").isNotEmpty();
        assertThat(lines.subList(1, lines.size()).stream().map(l -> l.split(",")[0]).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("ADMIN", "ASSESSOR", "AGENT", "UNIT_MANAGER", "HANDLER");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(f[2]).hasSizeGreaterThanOrEqualTo(12);
            assertThat(accounts.findByToken(f[3])).get().extracting(a -> a.username()).isEqualTo(f[1]);
        }

        List<Case> all = desk.search(CaseQuery.all().page(500, 0)).cases();
        assertThat(desk.search(CaseQuery.all()).total()).isGreaterThan(1000);
        for (CaseState state : EnumSet.of(CaseState.SUBMITTED, CaseState.DISPATCHED, CaseState.COMPLETED,
                CaseState.EVALUATED, CaseState.REVIEW, CaseState.WITHDRAWN)) {
            assertThat(desk.search(CaseQuery.all().withStates(Set.of(state))).total()).as(state.name()).isPositive();
        }
        assertThat(all).anySatisfy(c -> assertThat(desk.clocks(c, now).clocks())
                .anySatisfy(clock -> assertThat(clock.colour()).isEqualTo(CaseClocks.Colour.RED)));
    }
}
