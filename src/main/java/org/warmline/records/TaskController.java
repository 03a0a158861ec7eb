package org.warmline.records;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.validation.Valid;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.warmline.ledger.SpecialTask;
import org.warmline.scheme.Scheme;

/**
 * {@code /records/tasks}: special tasks (专项任务) with their due or overdue state; the assessor adds a task (number,
 * unit, title, due date) and later records its plan, completion date and quality (docs/assessment.md 4.1).
 */
@Controller
@RequestMapping("/records/tasks")
class TaskController {

    static final String VIEW_TASKS = "records/tasks";

    private final RecordsAccess access;
    private final ManualRecords records;
    private final ZoneId zone;

    TaskController(RecordsAccess access, ManualRecords records, Scheme scheme) {
        this.access = access;
        this.records = records;
        this.zone = ZoneId.of(scheme.zone());
    }

    /** Where a task stands today. */
    enum State { OPEN, DUE_TODAY, OVERDUE, DONE, DONE_LATE }

    /** A task as the list shows it; {@code days} is days left (OPEN), late (OVERDUE, DONE_LATE) or 0. */
    record Line(Recorded<SpecialTask> recorded, SpecialTask task, State state, long days) {
    }

    @GetMapping
    String list(@RequestParam(name = "edit", required = false) String edit, Model model) {
        RecordsAccess.Viewer viewer = access.viewer();
        TaskForm.Progress progress = null;
        String editing = null;
        if (edit != null && viewer.records()) {
            SpecialTask task = records.task(edit).orElse(null);
            if (task != null) {
                progress = new TaskForm.Progress();
                progress.setPlanSubmitted(task.planSubmitted());
                progress.setCompletedOn(task.completedOn());
                progress.setQuality(task.qualityOk() == null ? "" : task.qualityOk().toString());
                editing = task.taskNo();
            }
        }
        return page(viewer, new TaskForm(), progress, editing, model);
    }

    @PostMapping
    String add(@Valid @ModelAttribute("taskForm") TaskForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        RecordsAccess.Viewer viewer = access.recorder();
        if (!result.hasFieldErrors("taskNo") && records.task(form.getTaskNo()).isPresent()) {
            result.rejectValue("taskNo", "records.taskNo.taken");
        }
        if (!result.hasFieldErrors("unit") && !viewer.units().containsKey(form.getUnit())) {
            result.rejectValue("unit", "records.unit.unknown");
        }
        if (result.hasErrors()) {
            return page(viewer, form, null, null, model);
        }
        try {
            records.saveTask(new SpecialTask(form.getTaskNo(), form.getUnit(), form.getTitle(), form.getDueDate(), false,
                    null, null), viewer.username(), Instant.now());
        } catch (DataAccessException e) {
            result.reject("save.failed");
            return page(viewer, form, null, null, model);
        }
        redirect.addFlashAttribute("message", "records.task.added");
        redirect.addFlashAttribute("messageArg", form.getTaskNo());
        return "redirect:/records/tasks";
    }

    @PostMapping("/progress")
    String progress(@RequestParam(name = "taskNo", required = false) String taskNo,
            @Valid @ModelAttribute("progressForm") TaskForm.Progress form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        RecordsAccess.Viewer viewer = access.recorder();
        SpecialTask task = (taskNo == null || taskNo.length() > 64 ? java.util.Optional.<SpecialTask>empty()
                : records.task(taskNo)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (form.getCompletedOn() != null && form.getCompletedOn().isAfter(LocalDate.now(zone))) {
            result.rejectValue("completedOn", "records.completedOn.future");
        }
        if (form.getCompletedOn() == null && !result.hasFieldErrors("quality") && form.qualityOk() != null) {
            result.rejectValue("quality", "records.quality.notCompleted");
        }
        if (result.hasErrors()) {
            return page(viewer, new TaskForm(), form, taskNo, model);
        }
        try {
            records.saveTask(new SpecialTask(task.taskNo(), task.unit(), task.title(), task.dueDate(),
                    form.isPlanSubmitted(), form.getCompletedOn(), form.qualityOk()), viewer.username(), Instant.now());
        } catch (DataAccessException e) {
            result.reject("save.failed");
            return page(viewer, new TaskForm(), form, taskNo, model);
        }
        redirect.addFlashAttribute("message", "records.task.saved");
        redirect.addFlashAttribute("messageArg", task.taskNo());
        return "redirect:/records/tasks";
    }

    private String page(RecordsAccess.Viewer viewer, TaskForm form, TaskForm.Progress progress, String editing,
            Model model) {
        LocalDate today = LocalDate.now(zone);
        List<Line> lines = records.recordedTasks().stream().filter(t -> viewer.seesUnit(t.record().unit()))
                .map(t -> line(t, today)).toList();
        model.addAttribute("viewer", viewer);
        model.addAttribute("lines", lines);
        model.addAttribute("taskForm", form);
        model.addAttribute("progressForm", progress);
        model.addAttribute("editing", editing);
        if (editing != null) {
            model.addAttribute("editedTask", records.task(editing).orElse(null));
        }
        return VIEW_TASKS;
    }

    static Line line(Recorded<SpecialTask> recorded, LocalDate today) {
        SpecialTask t = recorded.record();
        if (t.completedOn() != null) {
            long late = ChronoUnit.DAYS.between(t.dueDate(), t.completedOn());
            return new Line(recorded, t, late > 0 ? State.DONE_LATE : State.DONE, Math.max(0, late));
        }
        long left = ChronoUnit.DAYS.between(today, t.dueDate());
        if (left > 0) {
            return new Line(recorded, t, State.OPEN, left);
        }
        return left == 0 ? new Line(recorded, t, State.DUE_TODAY, 0) : new Line(recorded, t, State.OVERDUE, -left);
    }
}
