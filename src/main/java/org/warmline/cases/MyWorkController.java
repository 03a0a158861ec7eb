package org.warmline.cases;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.warmline.security.Account;
import org.warmline.security.Role;

/**
 * {@code /my-work}: the viewer's queue, sorted by the nearest deadline. Agents (and administrators): new cases to accept
 * or dispatch, completed cases to call back and dissatisfied ones to review. Unit managers: open cases of their subtree
 * without a handler yet, and late ones. Handlers: their open cases (and their team's cases nobody holds yet).
 */
@Controller
class MyWorkController {

    static final String VIEW_MY_WORK = "cases/my-work";
    private static final int CAP = 500;

    /**
     * The cases that still need work ("in progress"): to accept, dispatch, handle, call back or review. An EVALUATED
     * case is nobody's queue (it closes by itself), a closed or withdrawn one is done.
     */
    static final Set<CaseState> OPEN = EnumSet.of(CaseState.SUBMITTED, CaseState.ACCEPTED, CaseState.DISPATCHED,
            CaseState.IN_PROGRESS, CaseState.SOLUTION_GIVEN, CaseState.COMPLETED, CaseState.REVIEW);
    private static final Set<CaseState> HANDLING = EnumSet.of(CaseState.DISPATCHED, CaseState.IN_PROGRESS,
            CaseState.SOLUTION_GIVEN);

    private final DeskSupport support;

    MyWorkController(DeskSupport support) {
        this.support = support;
    }

    @GetMapping("/my-work")
    String myWork(Model model) {
        Account me = support.me();
        DeskSupport.Org org = support.org();
        Instant now = Instant.now();
        CaseQuery query = CaseQuery.all();
        Predicate<Case> keep = c -> true;
        switch (me.role()) {
            case AGENT, ADMIN -> query = query.withStates(EnumSet.of(CaseState.SUBMITTED, CaseState.ACCEPTED,
                    CaseState.COMPLETED, CaseState.REVIEW));
            case UNIT_MANAGER -> {
                query = query.withStates(OPEN);
                keep = c -> (c.handler() == null && HANDLING.contains(c.state())) || c.state() == CaseState.ACCEPTED
                        || support.desk().clocks(c, now).clocks().stream()
                        .anyMatch(k -> k.colour() == CaseClocks.Colour.RED);
            }
            case HANDLER -> {
                query = query.withStates(HANDLING);
                keep = c -> Objects.equals(c.handler(), me.staffCode())
                        || (c.handler() == null && Objects.equals(c.unit(), me.unitCode()));
            }
            default -> query = null;
        }
        List<DeskSupport.Row> rows = query == null ? List.of()
                : support.rows(support.all(me, query, CAP).stream().filter(keep).toList(), me, org, now).stream()
                .sorted(Comparator.comparing((DeskSupport.Row r) -> r.nearestDeadline().orElse(Instant.MAX))
                        .thenComparing(r -> r.c().submittedAt()))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("queueKey", "mywork.queue." + me.role().name());
        model.addAttribute("readOnly", me.role() == Role.ASSESSOR);
        return VIEW_MY_WORK;
    }
}
