package org.warmline.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who sees which case: everything, a unit subtree, or a team and one's own cases. */
class DataScopeTest {

    // HQ > BR1 > ST1 > T1 ; HQ > BR2
    private static final List<String> T1_CHAIN = List.of("ST1", "BR1", "HQ");
    private static final List<String> BR2_CHAIN = List.of("HQ");

    @Test
    void adminsAssessorsAndAgentsSeeEveryUnit() {
        for (Role role : List.of(Role.ADMIN, Role.ASSESSOR, Role.AGENT)) {
            DataScope scope = new DataScope(role, null, null);
            assertThat(scope.unrestricted()).isTrue();
            assertThat(scope.allowsUnit("T1", T1_CHAIN)).isTrue();
            assertThat(scope.allowsUnit(null, List.of())).isTrue();
        }
    }

    @Test
    void aUnitManagerSeesTheUnitsSubtreeOnly() {
        DataScope branch = new DataScope(Role.UNIT_MANAGER, "BR1", null);
        assertThat(branch.unrestricted()).isFalse();
        assertThat(branch.allowsUnit("BR1", BR2_CHAIN)).isTrue();
        assertThat(branch.allowsUnit("T1", T1_CHAIN)).isTrue();
        assertThat(branch.allowsUnit("T1", List.of("T1", "ST1", "BR1", "HQ"))).isTrue();
        assertThat(branch.allowsUnit("BR2", BR2_CHAIN)).isFalse();
        assertThat(branch.allowsUnit("HQ", List.of())).isFalse();
        assertThat(branch.allowsUnit("HQ", null)).isFalse();
        assertThat(branch.allowsUnit(null, null)).isFalse();
    }

    @Test
    void aUnitManagerWithoutAUnitSeesNothing() {
        assertThat(new DataScope(Role.UNIT_MANAGER, null, null).allowsUnit("T1", T1_CHAIN)).isFalse();
    }

    @Test
    void aHandlerSeesTheTeamAndOwnCasesButNotTheTeamsParentsOrChildren() {
        DataScope handler = new DataScope(Role.HANDLER, "ST1", "S007");
        assertThat(handler.allowsUnit("ST1", List.of("BR1", "HQ"))).isTrue();
        assertThat(handler.allowsUnit("T1", T1_CHAIN)).isFalse();
        assertThat(handler.allowsUnit("BR1", List.of("HQ"))).isFalse();
        assertThat(handler.allowsCase("BR2", BR2_CHAIN, "S007")).isTrue();
        assertThat(handler.allowsCase("BR2", BR2_CHAIN, "S008")).isFalse();
        assertThat(handler.allowsCase(null, null, null)).isFalse();
        assertThat(new DataScope(Role.HANDLER, null, null).allowsCase("ST1", T1_CHAIN, null)).isFalse();
    }

    @Test
    void aManagerIsNotAllowedCasesByHandlerCode() {
        DataScope manager = new DataScope(Role.UNIT_MANAGER, "BR1", "S001");
        assertThat(manager.allowsCase("BR2", BR2_CHAIN, "S001")).isFalse();
    }

    @Test
    void aScopeNeedsARole() {
        assertThatThrownBy(() -> new DataScope(null, "BR1", null)).isInstanceOf(NullPointerException.class);
    }
}
