package org.warmline.organization;

import java.util.List;

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
import org.warmline.ledger.Post;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;

/** {@code /admin/staff}: the staff list, and the form to add a person or edit one (administrators only). */
@Controller
@RequestMapping("/admin/staff")
class StaffController {

    static final String VIEW_STAFF = "organization/staff";

    private final OrganizationStore store;

    StaffController(OrganizationStore store) {
        this.store = store;
    }

    @ModelAttribute("posts")
    Post[] posts() {
        return Post.values();
    }

    @GetMapping
    String list(@RequestParam(name = "edit", required = false) String edit, Model model) {
        StaffForm form = new StaffForm();
        if (edit != null) {
            store.staffMember(edit).ifPresent(person -> {
                form.setCode(person.code());
                form.setName(person.name());
                form.setPost(person.post());
                form.setUnit(person.unit());
                form.setEditing(true);
            });
        }
        return page(form, model);
    }

    @PostMapping
    String save(@Valid @ModelAttribute("staffForm") StaffForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        if (!result.hasFieldErrors("code")) {
            boolean exists = store.staffMember(form.getCode()).isPresent();
            if (form.isEditing() && !exists) {
                result.rejectValue("code", "staff.unknown");
            } else if (!form.isEditing() && store.codeTaken(form.getCode())) {
                result.rejectValue("code", "validation.code.taken");
            }
        }
        if (form.getUnit() != null && store.unit(form.getUnit()).isEmpty()) {
            result.rejectValue("unit", "unit.parent.unknown");
        }
        if (result.hasErrors()) {
            return page(form, model);
        }
        try {
            store.saveAll(List.of(), List.of(new Staff(form.getCode(), form.getName(), form.getPost(), form.getUnit())));
        } catch (DataAccessException e) {
            result.reject("save.failed");
            return page(form, model);
        }
        redirect.addFlashAttribute("message", form.isEditing() ? "staff.updated" : "staff.added");
        redirect.addFlashAttribute("messageArg", form.getCode());
        return "redirect:/admin/staff";
    }

    private String page(StaffForm form, Model model) {
        List<Unit> units = store.units();
        model.addAttribute("staffForm", form);
        model.addAttribute("staff", store.staff());
        model.addAttribute("units", units);
        model.addAttribute("unitNames", units.stream()
                .collect(java.util.stream.Collectors.toMap(Unit::code, u -> u.name() == null ? "" : u.name())));
        return VIEW_STAFF;
    }
}
