package org.warmline.records;

import java.time.Instant;
import java.util.LinkedHashMap;
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
import org.warmline.ledger.Regulation;
import org.warmline.ledger.Unit;

/**
 * {@code /records/regulations}: every unit's regulations (制度建设) — whether it has them and which of the four elements
 * (classification, authority levels, escalation, archiving) they cover — and, for the assessor, the form to record one
 * unit's. A unit without a row of its own is shown with the row it is judged on (its nearest ancestor's,
 * docs/assessment.md 1.1).
 */
@Controller
@RequestMapping("/records/regulations")
class RegulationController {

    static final String VIEW_REGULATIONS = "records/regulations";

    private final RecordsAccess access;
    private final ManualRecords records;

    RegulationController(RecordsAccess access, ManualRecords records) {
        this.access = access;
        this.records = records;
    }

    /** A unit's line: its own row, or the ancestor's row it is judged on (inherited), or none. */
    record Line(Unit unit, Recorded<Regulation> own, Regulation judgedOn, String inheritedFrom) {
    }

    @GetMapping
    String list(@RequestParam(name = "edit", required = false) String edit, Model model) {
        RecordsAccess.Viewer viewer = access.viewer();
        RegulationForm form = null;
        if (edit != null && viewer.records() && viewer.units().containsKey(edit)) {
            form = new RegulationForm();
            form.setUnit(edit);
            for (Recorded<Regulation> r : records.recordedRegulations()) {
                if (r.record().unit().equals(edit)) {
                    form.setHasRegulation(r.record().hasRegulation());
                    form.setClassification(r.record().classification());
                    form.setAuthorityLevels(r.record().authorityLevels());
                    form.setEscalation(r.record().escalation());
                    form.setArchiving(r.record().archiving());
                }
            }
        }
        return page(viewer, form, model);
    }

    @PostMapping
    String save(@Valid @ModelAttribute("regulationForm") RegulationForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        RecordsAccess.Viewer viewer = access.recorder();
        if (!result.hasFieldErrors("unit") && !viewer.units().containsKey(form.getUnit())) {
            result.rejectValue("unit", "records.unit.unknown");
        }
        if (!form.isHasRegulation() && (form.isClassification() || form.isAuthorityLevels() || form.isEscalation()
                || form.isArchiving())) {
            result.rejectValue("hasRegulation", "records.regulation.elementsWithout");
        }
        if (result.hasErrors()) {
            return page(viewer, form, model);
        }
        try {
            records.saveRegulation(new Regulation(form.getUnit(), form.isHasRegulation(), form.isClassification(),
                    form.isAuthorityLevels(), form.isEscalation(), form.isArchiving()), viewer.username(), Instant.now());
        } catch (DataAccessException e) {
            result.reject("save.failed");
            return page(viewer, form, model);
        }
        redirect.addFlashAttribute("message", "records.regulation.saved");
        redirect.addFlashAttribute("messageArg", form.getUnit());
        return "redirect:/records/regulations";
    }

    private String page(RecordsAccess.Viewer viewer, RegulationForm form, Model model) {
        Map<String, Recorded<Regulation>> own = new LinkedHashMap<>();
        records.recordedRegulations().forEach(r -> own.put(r.record().unit(), r));
        List<Line> lines = viewer.visibleUnits().stream().map(u -> line(u, own, viewer.units())).toList();
        model.addAttribute("viewer", viewer);
        model.addAttribute("lines", lines);
        model.addAttribute("regulationForm", form);
        if (form != null) {
            model.addAttribute("editedUnit", viewer.units().get(form.getUnit()));
        }
        return VIEW_REGULATIONS;
    }

    private static Line line(Unit unit, Map<String, Recorded<Regulation>> own, Map<String, Unit> units) {
        Recorded<Regulation> mine = own.get(unit.code());
        if (mine != null) {
            return new Line(unit, mine, mine.record(), null);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        Unit u = unit;
        while (u.parent() != null && seen.add(u.parent())) {
            Recorded<Regulation> above = own.get(u.parent());
            if (above != null) {
                return new Line(unit, null, above.record(), u.parent());
            }
            u = units.get(u.parent());
            if (u == null) {
                break;
            }
        }
        return new Line(unit, null, null, null);
    }
}
