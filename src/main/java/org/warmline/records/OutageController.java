package org.warmline.records;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.warmline.ledger.Instants;
import org.warmline.ledger.Outage;
import org.warmline.ledger.Unit;
import org.warmline.ledger.UnitKind;
import org.warmline.scheme.Scheme;

/**
 * {@code /records/outages}: channel outages (渠道故障) with how long backup answering took to start against the
 * scheme's allowance (docs/assessment.md 1.4, 30 min by default) and the months with too many outages; the assessor
 * records an outage and, later, its backup start.
 */
@Controller
@RequestMapping("/records/outages")
class OutageController {

    static final String VIEW_OUTAGES = "records/outages";

    private final RecordsAccess access;
    private final ManualRecords records;
    private final Scheme.Equipment equipment;
    private final ZoneId zone;

    OutageController(RecordsAccess access, ManualRecords records, Scheme scheme) {
        this.access = access;
        this.records = records;
        this.equipment = scheme.items().equipment();
        this.zone = ZoneId.of(scheme.zone());
    }

    /** How an outage's backup stands against the allowance. */
    enum BackupState { ON_TIME, LATE, WAITING, OVERDUE }

    /**
     * An outage as the list shows it.
     *
     * @param owner        the owning unit's code (the HQ service unit's when the record names none)
     * @param took         how long backup took to start, or null when it has not
     * @param frequentMonth whether the owner had the scheme's "frequent" number of outages in its month
     */
    record Line(long id, Outage outage, String owner, Instant startedAt, Instant backupStartedAt, Duration took,
                BackupState state, boolean frequentMonth, Instant recordedAt, String recordedBy) {
    }

    @GetMapping
    String list(Model model) {
        return page(access.viewer(), new OutageForm(), null, null, model);
    }

    @PostMapping
    String add(@Valid @ModelAttribute("outageForm") OutageForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        RecordsAccess.Viewer viewer = access.recorder();
        if (form.getUnit() != null && !viewer.units().containsKey(form.getUnit())) {
            result.rejectValue("unit", "records.unit.unknown");
        }
        Instant started = form.getStartedAt() == null ? null : form.getStartedAt().atZone(zone).toInstant();
        if (started != null && started.isAfter(Instant.now())) {
            result.rejectValue("startedAt", "records.at.future");
        }
        if (result.hasErrors()) {
            return page(viewer, form, null, null, model);
        }
        try {
            records.addOutage(new Outage(form.getChannel(), form.getUnit(), started.toEpochMilli(), Instants.NONE, 0),
                    viewer.username(), Instant.now());
        } catch (DataAccessException e) {
            result.reject("save.failed");
            return page(viewer, form, null, null, model);
        }
        redirect.addFlashAttribute("message", "records.outage.added");
        redirect.addFlashAttribute("messageArg", form.getChannel());
        return "redirect:/records/outages";
    }

    @PostMapping("/{id}/backup")
    String backup(@PathVariable("id") long id, @Valid @ModelAttribute("backupForm") OutageForm.Backup form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        RecordsAccess.Viewer viewer = access.recorder();
        Recorded<Outage> outage = records.recordedOutages().stream().filter(o -> o.id() == id).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Instant backup = form.getBackupStartedAt() == null ? null : form.getBackupStartedAt().atZone(zone).toInstant();
        if (outage.record().backupStartedAt() != Instants.NONE) {
            result.reject("records.backup.already");
        } else if (backup != null && backup.toEpochMilli() < outage.record().startedAt()) {
            result.rejectValue("backupStartedAt", "records.backup.beforeStart");
        } else if (backup != null && backup.isAfter(Instant.now())) {
            result.rejectValue("backupStartedAt", "records.at.future");
        }
        if (result.hasErrors()) {
            return page(viewer, new OutageForm(), form, id, model);
        }
        if (!records.recordBackupStart(id, backup)) {
            result.reject("records.backup.already");
            return page(viewer, new OutageForm(), form, id, model);
        }
        redirect.addFlashAttribute("message", "records.backup.saved");
        redirect.addFlashAttribute("messageArg", outage.record().channel());
        return "redirect:/records/outages";
    }

    private String page(RecordsAccess.Viewer viewer, OutageForm form, OutageForm.Backup backupForm, Long backupId,
            Model model) {
        String hq = viewer.units().values().stream().filter(u -> u.kind() == UnitKind.HQ_SERVICE).map(Unit::code)
                .findFirst().orElse(null);
        List<Recorded<Outage>> all = records.recordedOutages();
        Map<String, Integer> perOwnerMonth = new HashMap<>();
        for (Recorded<Outage> o : all) {
            perOwnerMonth.merge(ownerMonth(o.record(), hq), 1, Integer::sum);
        }
        Instant now = Instant.now();
        List<Line> lines = all.stream()
                .filter(o -> viewer.seesUnit(o.record().unit() == null ? hq : o.record().unit()))
                .map(o -> line(o, hq, perOwnerMonth, now))
                .sorted(java.util.Comparator.comparing(Line::startedAt).reversed())
                .toList();
        model.addAttribute("viewer", viewer);
        model.addAttribute("lines", lines);
        model.addAttribute("allowanceMinutes", equipment.backupAllowance().toMinutes());
        model.addAttribute("frequentOutages", equipment.frequentOutages());
        model.addAttribute("hqUnit", hq);
        model.addAttribute("outageForm", form);
        model.addAttribute("backupForm", backupForm == null ? new OutageForm.Backup() : backupForm);
        model.addAttribute("backupId", backupId);
        return VIEW_OUTAGES;
    }

    private String ownerMonth(Outage o, String hq) {
        return (o.unit() == null ? hq : o.unit()) + "/"
                + YearMonth.from(Instant.ofEpochMilli(o.startedAt()).atZone(zone));
    }

    private Line line(Recorded<Outage> r, String hq, Map<String, Integer> perOwnerMonth, Instant now) {
        Outage o = r.record();
        Instant started = Instant.ofEpochMilli(o.startedAt());
        Instant backup = o.backupStartedAt() == Instants.NONE ? null : Instant.ofEpochMilli(o.backupStartedAt());
        Duration allowance = equipment.backupAllowance();
        Duration took = backup == null ? null : Duration.between(started, backup);
        BackupState state;
        if (took != null) {
            state = took.compareTo(allowance) > 0 ? BackupState.LATE : BackupState.ON_TIME;
        } else {
            state = Duration.between(started, now).compareTo(allowance) > 0 ? BackupState.OVERDUE : BackupState.WAITING;
        }
        boolean frequent = perOwnerMonth.getOrDefault(ownerMonth(o, hq), 0) >= equipment.frequentOutages();
        return new Line(r.id(), o, o.unit() == null ? hq : o.unit(), started, backup, took, state, frequent,
                r.recordedAt(), r.recordedBy());
    }
}
