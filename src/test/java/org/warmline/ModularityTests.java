package org.warmline;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/** The modules are top-level packages that use each other only through their public API, without cycles. */
class ModularityTests {

    private static final ApplicationModules modules = ApplicationModules.of(WarmlineApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void theEngineModulesExist() {
        assertThat(modules.stream().map(m -> m.getIdentifier().toString()))
                .contains("calendar", "scheme", "ledger", "assessment", "reporting", "cli", "web");
    }

    /**
     * What every module's pages and API share ({@code web}) uses none of the modules that have pages or an API, only
     * the engine's plain modules: the modules own their pages and API, and nothing points back up.
     */
    @Test
    void theSharedWebModuleUsesOnlyTheEngine() {
        ApplicationModule web = modules.getModuleByName("web").orElseThrow();
        assertThat(web.getDirectDependencies(modules).uniqueModules().map(m -> m.getIdentifier().toString()).toList())
                .isSubsetOf("calendar", "scheme", "ledger");
        assertThat(modules.stream().map(m -> m.getIdentifier().toString())).doesNotContain("api");
    }
}
