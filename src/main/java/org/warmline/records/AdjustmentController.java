package org.warmline.records;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
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
import org.warmline.ledger.Adjustment;
import org.warmline.scheme.ItemCode;
import org.warmline.scheme.Scheme;
import org.warmline.scheme.SubjectKind;

/**
 * {@code /records/adjustments}: manual adjustments (人工调整), filtered by subject, period and item, newest first; the
 * assessor adds one (subject, period, item, signed points, reason) and their own name is recorded as the assessor.
 * Adjustments are never changed or deleted: a correction is a further adjustment.
 */
@Controller
@RequestMapping("/records/adjustments")
class AdjustmentController {

    static final String VIEW_ADJUSTMENTS = "records/adjustments";

    private final RecordsAccess access;
    private final ManualRecords records;
    private final Scheme scheme;

    AdjustmentController(RecordsAccess access, ManualRecords records, Scheme scheme) {
        this.access = access;
        this.records = records;
        this.scheme = scheme;
    }

    @ModelAttribute("items")
    ItemCode[] items() {
        return ItemCode.values();
    }

    @GetMapping
    String list(@RequestParam(name = "subject", required = false) String subject,
            @RequestParam(name = "period", required = false) String period,
            @RequestParam(name = "item", required = false) String item, Model model) {
        AdjustmentForm form = new AdjustmentForm();
        form.setSubject(subject);
        form.setPeriod(period);
        form.setItem(item);
        return page(access.viewer(), subject, period, item, form, model);
    }

    @PostMapping
    String add(@Valid @ModelAttribute("adjustmentForm") AdjustmentForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        RecordsAccess.Viewer viewer = access.recorder();
        SubjectKind kind = null;
        if (!result.hasFieldErrors("subject")) {
            kind = AdjustmentRules.kindOf(form.getSubject(), viewer.units(), viewer.staff());
            if (kind == null) {
                result.rejectValue("subject", "records.subject.unknown", new Object[] {form.getSubject()}, null);
            }
        }
        String period = null;
        if (!result.hasFieldErrors("period")) {
            period = AdjustmentRules.period(form.getPeriod());
            if (period == null) {
                result.rejectValue("period", "records.period.invalid", new Object[] {form.getPeriod()}, null);
            }
        }
        ItemCode item = ItemCode.ofCode(form.getItem());
        if (!result.hasFieldErrors("item")) {
            if (item == null) {
                result.rejectValue("item", "records.item.unknown", new Object[] {form.getItem()}, null);
            } else if (kind != null && !AdjustmentRules.applies(scheme, item, kind)) {
                result.rejectValue("item", "records.item.notApplicable",
                        new Object[] {item.code(), form.getSubject(), kind.name()}, null);
            }
        }
        BigDecimal points = null;
        if (!result.hasFieldErrors("points")) {
            points = AdjustmentRules.points(form.getPoints());
            if (points == null) {
                result.rejectValue("points", "records.points.invalid", new Object[] {form.getPoints()}, null);
            } else if (!AdjustmentRules.pointsInRange(points)) {
                result.rejectValue("points", "records.points.range");
            }
        }
        if (result.hasErrors()) {
            return page(viewer, null, null, null, form, model);
        }
        try {
            records.addAdjustment(new Adjustment(form.getSubject(), period, item.code(), ManualRecords.points(points),
                    form.getReason(), viewer.name(), 0), viewer.username(), Instant.now());
        } catch (DataAccessException | IllegalArgumentException e) {
            result.reject("save.failed");
            return page(viewer, null, null, null, form, model);
        }
        redirect.addFlashAttribute("message", "records.adjustment.added");
        redirect.addFlashAttribute("messageArg", form.getSubject());
        redirect.addFlashAttribute("messageArg2", period);
        return "redirect:/records/adjustments";
    }

    private String page(RecordsAccess.Viewer viewer, String subject, String period, String item, AdjustmentForm form,
            Model model) {
        String bySubject = blankToNull(subject);
        String byPeriod = blankToNull(period) == null ? null : period.trim().toUpperCase(java.util.Locale.ROOT);
        String byItem = blankToNull(item);
        List<Recorded<Adjustment>> adjustments = records.recordedAdjustments().stream()
                .filter(a -> viewer.seesSubject(a.record().subject()))
                .filter(a -> bySubject == null || bySubject.equals(a.record().subject()))
                .filter(a -> byPeriod == null || byPeriod.equals(a.record().period()))
                .filter(a -> byItem == null || byItem.equals(a.record().item()))
                .sorted(Comparator.comparing((Recorded<Adjustment> a) -> a.id()).reversed())
                .toList();
        model.addAttribute("viewer", viewer);
        model.addAttribute("adjustments", adjustments);
        model.addAttribute("filterSubject", bySubject == null ? "" : bySubject);
        model.addAttribute("filterPeriod", byPeriod == null ? "" : byPeriod);
        model.addAttribute("filterItem", byItem == null ? "" : byItem);
        model.addAttribute("adjustmentForm", form);
        return VIEW_ADJUSTMENTS;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
