package org.warmline.stakes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.warmline.cases.Case;
import org.warmline.cases.CaseAccess;
import org.warmline.cases.CaseNotFound;
import org.warmline.security.Account;
import org.warmline.security.CurrentUser;

/**
 * {@code GET /api/cases/{caseNo}/stakes}: a case's points at stake as the engine computes them (its running clocks,
 * each with what missing it would cost and whom, or for a late one what it has cost so far), reasons in the caller's
 * language; a case outside the caller's scope is 404 as everywhere.
 */
@RestController
@Tag(name = "stakes", description = "考核风险 / points at stake")
@SecurityRequirement(name = "bearer")
class StakesApi {

    /** One subject's loss; {@code itemMax} the item's points (a larger loss leaves the item at 0, no lower). */
    record LossView(String subject, String name, String kind, String item, String rule, BigDecimal points,
                    String reason, BigDecimal itemMax) {
    }

    /** One running clock: late or not, its deadline, and each subject's loss. */
    record ClockView(String clock, Instant deadline, boolean late, List<LossView> losses) {
    }

    /** A case's points at stake: the most one subject would lose if the clocks not yet late are missed. */
    record StakesView(String caseNo, String scheme, BigDecimal points, List<ClockView> clocks) {
    }

    private final PointsAtStake stakes;
    private final CaseAccess access;
    private final CurrentUser currentUser;

    StakesApi(PointsAtStake stakes, CaseAccess access, CurrentUser currentUser) {
        this.stakes = stakes;
        this.access = access;
        this.currentUser = currentUser;
    }

    @GetMapping(path = "/api/cases/{caseNo}/stakes", produces = "application/json")
    @Operation(summary = "The case's points at stake: per running clock, what missing it would cost and whom")
    StakesView stakes(@PathVariable("caseNo") String caseNo) {
        Account me = currentUser.required();
        Case c = (caseNo == null || caseNo.length() > 64 ? java.util.Optional.<Case>empty() : access.find(me, caseNo))
                .orElseThrow(() -> new CaseNotFound(caseNo));
        CaseStakes s = stakes.of(c);
        return new StakesView(s.caseNo(), s.scheme(), s.points(), s.clocks().stream()
                .map(k -> new ClockView(k.kind().name(), k.deadline(), k.late(), k.losses().stream()
                        .map(l -> new LossView(l.code(), l.name(), l.kind().name(), l.item(), l.rule(), l.points(),
                                l.reason(), l.itemMax()))
                        .toList()))
                .toList());
    }
}
