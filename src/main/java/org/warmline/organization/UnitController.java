package org.warmline.organization;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;

/** {@code /admin/units}: the unit tree, and the form to add a unit or edit one (administrators only). */
@Controller
@RequestMapping("/admin/units")
class UnitController {

    static final String VIEW_UNITS = "organization/units";

    private final OrganizationStore store;

    UnitController(OrganizationStore store) {
        this.store = store;
    }

    @ModelAttribute("kinds")
    UnitKind[] kinds() {
        return UnitKind.values();
    }

    @GetMapping
    String list(@RequestParam(name = "edit", required = false) String edit, Model model) {
        UnitForm form = new UnitForm();
        if (edit != null) {
            store.unit(edit).ifPresent(unit -> {
                form.setCode(unit.code());
                form.setName(unit.name());
                form.setKind(unit.kind());
                form.setParent(unit.parent());
                form.setEditing(true);
            });
        }
        return page(form, model);
    }

    @PostMapping
    String save(@Valid @ModelAttribute("unitForm") UnitForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        List<Unit> units = store.units();
        boolean exists = form.getCode() != null && units.stream().anyMatch(u -> u.code().equals(form.getCode()));
        if (!result.hasFieldErrors("code")) {
            if (form.isEditing() && !exists) {
                result.rejectValue("code", "unit.unknown");
            } else if (!form.isEditing() && store.codeTaken(form.getCode())) {
                result.rejectValue("code", "validation.code.taken");
            }
        }
        if (form.getParent() != null && units.stream().noneMatch(u -> u.code().equals(form.getParent()))) {
            result.rejectValue("parent", "unit.parent.unknown");
        }
        if (!result.hasErrors()) {
            Unit unit = new Unit(form.getCode(), form.getName(), form.getKind(), form.getParent());
            Map<String, Unit> after = OrganizationRules.merged(units, List.of(unit));
            if (OrganizationRules.inCycle(after, unit.code())) {
                result.rejectValue("parent", "unit.parent.cycle");
            }
            if (unit.kind() == UnitKind.HQ_SERVICE && OrganizationRules.headquarters(after).size() > 1) {
                result.rejectValue("kind", "unit.kind.secondHq");
            }
        }
        if (result.hasErrors()) {
            return page(form, model);
        }
        try {
            store.saveAll(List.of(new Unit(form.getCode(), form.getName(), form.getKind(), form.getParent())),
                    List.of());
        } catch (DataAccessException e) {
            result.reject("save.failed");
            return page(form, model);
        }
        redirect.addFlashAttribute("message", form.isEditing() ? "unit.updated" : "unit.added");
        redirect.addFlashAttribute("messageArg", form.getCode());
        return "redirect:/admin/units";
    }

    private String page(UnitForm form, Model model) {
        List<Unit> units = store.units();
        model.addAttribute("unitForm", form);
        model.addAttribute("tree", OrganizationRules.tree(units));
        model.addAttribute("units", units);
        model.addAttribute("unitNames", units.stream()
                .collect(java.util.stream.Collectors.toMap(Unit::code, u -> u.name() == null ? "" : u.name())));
        return VIEW_UNITS;
    }
}
