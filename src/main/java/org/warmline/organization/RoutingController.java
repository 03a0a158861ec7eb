package org.warmline.organization;

import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;

/** {@code /admin/routing}: the routing rules, a form to add one, disabling, and a tester (administrators only). */
@Controller
@RequestMapping("/admin/routing")
class RoutingController {

    static final String VIEW_ROUTING = "organization/routing";
    static final String VIEW_PROPOSAL = "organization/routing :: proposal";

    private final RoutingRules rules;
    private final OrganizationStore store;
    private final Stewards stewards;

    RoutingController(RoutingRules rules, OrganizationStore store, Stewards stewards) {
        this.rules = rules;
        this.store = store;
        this.stewards = stewards;
    }

    @ModelAttribute("matchKinds")
    RoutingRule.MatchKind[] matchKinds() {
        return RoutingRule.MatchKind.values();
    }

    @GetMapping
    String list(Model model) {
        return page(new RoutingRuleForm(), model);
    }

    @PostMapping
    String add(@Valid @ModelAttribute("ruleForm") RoutingRuleForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        if (!result.hasFieldErrors("unit") && store.unit(form.getUnit()).isEmpty()) {
            result.rejectValue("unit", "unit.parent.unknown");
        }
        if (form.getSteward() != null && !result.hasFieldErrors("unit")) {
            stewards.refusal(form.getUnit(), form.getSteward()).ifPresent(refusal -> result.rejectValue("steward",
                    "steward.refused." + refusal.name(), new Object[] {form.getSteward(), form.getUnit()}, null));
        }
        if (!result.hasFieldErrors("matchValue") && !result.hasFieldErrors("matchKind")
                && form.getMatchKind() != RoutingRule.MatchKind.ADDRESS_CONTAINS) {
            UnitKind wanted = form.getMatchKind() == RoutingRule.MatchKind.STATION ? UnitKind.STATION : UnitKind.AREA;
            Optional<Unit> unit = store.unit(form.getMatchValue());
            if (unit.isEmpty() || unit.get().kind() != wanted) {
                result.rejectValue("matchValue", "routing.matchValue.notUnit." + wanted.name());
            }
        }
        if (result.hasErrors()) {
            return page(form, model);
        }
        try {
            long id = rules.add(form.getPriority(), form.getMatchKind(), form.getMatchValue(), form.getUnit(),
                    form.getSteward());
            redirect.addFlashAttribute("message", "routing.added");
            redirect.addFlashAttribute("messageArg", id);
        } catch (DataAccessException e) {
            result.reject("save.failed");
            return page(form, model);
        }
        return "redirect:/admin/routing";
    }

    @PostMapping("/{id}/disable")
    String disable(@PathVariable("id") long id, RedirectAttributes redirect) {
        boolean found = rules.disable(id);
        redirect.addFlashAttribute("message", found ? "routing.disabled" : "routing.unknown");
        redirect.addFlashAttribute("messageArg", id);
        return "redirect:/admin/routing";
    }

    /** The tester: which unit and steward the rules propose for an address or a station / area (an htmx fragment). */
    @GetMapping("/propose")
    String propose(@RequestParam(name = "address", required = false) String address,
            @RequestParam(name = "code", required = false) String code, Model model) {
        model.addAttribute("tried", true);
        rules.propose(address, code == null || code.isBlank() ? null : code)
                .ifPresent(proposal -> model.addAttribute("proposal", proposal));
        model.addAttribute("unitNames", unitNames());
        return VIEW_PROPOSAL;
    }

    private java.util.Map<String, String> unitNames() {
        return store.units().stream().collect(java.util.stream.Collectors.toMap(Unit::code,
                u -> u.name() == null ? "" : u.name()));
    }

    private String page(RoutingRuleForm form, Model model) {
        List<Unit> units = store.units();
        model.addAttribute("ruleForm", form);
        model.addAttribute("rules", rules.all());
        model.addAttribute("units", units);
        model.addAttribute("unitNames", unitNames());
        model.addAttribute("stewards", stewards.all());
        model.addAttribute("stationsAndAreas",
                units.stream().filter(u -> u.kind() == UnitKind.STATION || u.kind() == UnitKind.AREA).toList());
        return VIEW_ROUTING;
    }
}
