package org.warmline.records;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.warmline.files.FileKind;
import org.warmline.files.FileRefused;
import org.warmline.ledger.Training;
import org.warmline.scheme.Scheme;

/**
 * {@code /records/trainings}: trainings (培训记录) filtered by unit and month, the form to add one, and a training's
 * page with its files (sign-in sheet 签到表, courseware 课件, photos 现场照片). A file is checked by
 * {@link AttachmentCheck} and kept in the database; adding one marks that record of the training as kept. Files are
 * served back as downloads ({@code Content-Disposition: attachment}, {@code nosniff}, the detected type).
 */
@Controller
class TrainingController {

    static final String VIEW_TRAININGS = "records/trainings";
    static final String VIEW_TRAINING = "records/training";

    private final RecordsAccess access;
    private final ManualRecords records;
    private final TrainingAttachments attachments;
    private final AttachmentCheck check;
    private final ZoneId zone;
    private final MessageSource messages;

    TrainingController(RecordsAccess access, ManualRecords records, TrainingAttachments attachments,
            AttachmentCheck check, Scheme scheme, MessageSource messages) {
        this.messages = messages;
        this.access = access;
        this.records = records;
        this.attachments = attachments;
        this.check = check;
        this.zone = ZoneId.of(scheme.zone());
    }

    @ModelAttribute("attachmentKinds")
    AttachmentKind[] attachmentKinds() {
        return AttachmentKind.values();
    }

    @GetMapping("/records/trainings")
    String list(@RequestParam(name = "unit", required = false) String unit,
            @RequestParam(name = "month", required = false) String month, Model model) {
        RecordsAccess.Viewer viewer = access.viewer();
        TrainingForm form = new TrainingForm();
        form.setUnit(unit);
        return page(viewer, unit, month, form, model);
    }

    @PostMapping("/records/trainings")
    String add(@Valid @ModelAttribute("trainingForm") TrainingForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        RecordsAccess.Viewer viewer = access.viewer();
        if (!viewer.addsTrainings()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        if (!result.hasFieldErrors("unit") && !viewer.units().containsKey(form.getUnit())) {
            result.rejectValue("unit", "records.unit.unknown");
        } else if (!result.hasFieldErrors("unit") && !viewer.mayAddTraining(form.getUnit())) {
            result.rejectValue("unit", "records.unit.outside");
        }
        if (form.getHeldOn() != null && form.getHeldOn().isAfter(LocalDate.now(zone))) {
            result.rejectValue("heldOn", "records.heldOn.future");
        }
        if (result.hasErrors()) {
            return page(viewer, null, null, form, model);
        }
        long id;
        try {
            id = records.addTraining(new Training(form.getUnit(), form.getHeldOn(), form.getTitle(), false, false,
                    false), viewer.username(), Instant.now());
        } catch (DataAccessException e) {
            result.reject("save.failed");
            return page(viewer, null, null, form, model);
        }
        redirect.addFlashAttribute("message", "records.training.added");
        redirect.addFlashAttribute("messageArg", form.getTitle());
        return "redirect:/records/trainings/" + id;
    }

    private String page(RecordsAccess.Viewer viewer, String unit, String month, TrainingForm form, Model model) {
        YearMonth yearMonth = null;
        if (month != null && !month.isBlank()) {
            try {
                yearMonth = YearMonth.parse(month.trim());
            } catch (DateTimeParseException e) {
                model.addAttribute("filterError", "records.filter.badMonth");
            }
        }
        YearMonth inMonth = yearMonth;
        String inUnit = unit == null || unit.isBlank() ? null : unit.trim();
        List<Recorded<Training>> trainings = records.recordedTrainings().stream()
                .filter(t -> viewer.seesUnit(t.record().unit()))
                .filter(t -> inUnit == null || inUnit.equals(t.record().unit()))
                .filter(t -> inMonth == null || YearMonth.from(t.record().heldOn()).equals(inMonth))
                .sorted(java.util.Comparator.comparing((Recorded<Training> t) -> t.record().heldOn()).reversed())
                .toList();
        Map<Long, Long> fileCounts = attachments.all().stream()
                .collect(Collectors.groupingBy(TrainingAttachments.Attachment::trainingId, Collectors.counting()));
        model.addAttribute("viewer", viewer);
        model.addAttribute("trainings", trainings);
        model.addAttribute("fileCounts", fileCounts);
        model.addAttribute("filterUnit", inUnit);
        model.addAttribute("filterMonth", month == null ? "" : month.trim());
        model.addAttribute("trainingForm", form);
        return VIEW_TRAININGS;
    }

    @GetMapping("/records/trainings/{id}")
    String training(@PathVariable("id") long id, Model model) {
        RecordsAccess.Viewer viewer = access.viewer();
        return trainingPage(viewer, visible(viewer, id), model);
    }

    @PostMapping("/records/trainings/{id}/attachments")
    String attach(@PathVariable("id") long id, @RequestParam(name = "kind", required = false) String kind,
            @RequestParam(name = "file", required = false) MultipartFile file, Model model,
            RedirectAttributes redirect, Locale locale) {
        RecordsAccess.Viewer viewer = access.viewer();
        Recorded<Training> training = visible(viewer, id);
        if (!viewer.mayAddTraining(training.record().unit())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        AttachmentKind attachmentKind = null;
        for (AttachmentKind k : AttachmentKind.values()) {
            if (k.name().equals(kind)) {
                attachmentKind = k;
            }
        }
        if (attachmentKind == null) {
            model.addAttribute("uploadError", messages.getMessage(new FileRefused("records.file.kindRequired"), locale));
            return trainingPage(viewer, training, model);
        }
        model.addAttribute("chosenKind", attachmentKind);
        AttachmentCheck.Checked checked;
        try {
            checked = check.check(file, attachmentKind);
        } catch (FileRefused refused) {
            model.addAttribute("uploadError", messages.getMessage(refused, locale));
            return trainingPage(viewer, training, model);
        }
        try {
            attachments.add(id, attachmentKind, checked.fileName(), checked.kind(), checked.content(),
                    viewer.username(), Instant.now());
        } catch (DataAccessException | IllegalArgumentException e) {
            model.addAttribute("uploadError", messages.getMessage(new FileRefused("records.file.saveFailed"), locale));
            return trainingPage(viewer, training, model);
        }
        redirect.addFlashAttribute("message", "records.file.added");
        redirect.addFlashAttribute("messageArg", checked.fileName());
        return "redirect:/records/trainings/" + id;
    }

    @GetMapping("/records/attachments/{id}")
    ResponseEntity<byte[]> download(@PathVariable("id") long id) {
        RecordsAccess.Viewer viewer = access.viewer();
        TrainingAttachments.StoredFile file = attachments.file(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        visible(viewer, file.attachment().trainingId());
        FileKind type = file.attachment().type();
        return ResponseEntity.ok()
                .contentType(type == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(type.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(file.attachment().fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .contentLength(file.content().length)
                .body(file.content());
    }

    /** The training if the viewer sees its unit; 404 otherwise, exactly as for an unknown one. */
    private Recorded<Training> visible(RecordsAccess.Viewer viewer, long id) {
        return records.training(id).filter(t -> viewer.seesUnit(t.record().unit()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String trainingPage(RecordsAccess.Viewer viewer, Recorded<Training> training, Model model) {
        model.addAttribute("viewer", viewer);
        model.addAttribute("training", training);
        model.addAttribute("files", attachments.of(training.id()));
        model.addAttribute("mayAttach", viewer.mayAddTraining(training.record().unit()));
        model.addAttribute("maxMegabytes", check.maxMegabytes());
        model.addAttribute("maxBytes", check.maxSize().toBytes());
        return VIEW_TRAINING;
    }
}
