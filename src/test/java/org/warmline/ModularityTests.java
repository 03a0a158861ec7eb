package org.warmline;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/** The modules are top-level packages that use each other only through their public API, without cycles. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(WarmlineApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void theEngineModulesExist() {
        assertThat(modules.stream().map(m -> m.getIdentifier().toString()))
                .contains("calendar", "scheme", "ledger", "assessment", "reporting", "cli", "web");
    }
}
