package org.warmline.administration;

import java.io.IOException;
import java.security.Principal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The holiday calendars: {@code GET /calendars?year=2027} shows a year as a month grid (days off, make-up working days
 * 调休上班, weekends) to administrators and assessors; {@code POST /admin/calendars} (ADMIN) reads a year's holiday
 * file, JSON or .ics, and shows the days whose working status it would change against the schedule in force (or
 * every problem); {@code POST /admin/calendars/confirm} then replaces the year's schedule with it.
 */
@Controller
class CalendarController {

    static final String VIEW_CALENDAR = "administration/calendar";

    /** How a day of the grid is shown. */
    enum Kind { WORKING, WEEKEND, OFF, MAKE_UP }

    /** One day of the grid ({@code null} date: padding before the 1st or after the last day). */
    record Cell(LocalDate date, Kind kind, String name) {
    }

    /** One month: its name and its weeks, Monday first. */
    record Month(String name, List<List<Cell>> weeks) {
    }

    private final Calendars calendars;
    private final SchemeVersions schemes;
    private final MessageSource messages;

    CalendarController(Calendars calendars, SchemeVersions schemes, MessageSource messages) {
        this.calendars = calendars;
        this.schemes = schemes;
        this.messages = messages;
    }

    @ModelAttribute("adminFmt")
    AdminFormat adminFmt() {
        return new AdminFormat(schemes.zone());
    }

    @GetMapping("/calendars")
    String show(@RequestParam(name = "year", required = false) String year, HttpServletRequest request,
                Locale locale, Model model) {
        if (!request.isUserInRole("ADMIN") && !request.isUserInRole("ASSESSOR")) {
            throw new AccessDeniedException("calendars are for administrators and assessors");
        }
        int shown = calendars.thisYear();
        if (year != null && !year.isBlank()) {
            try {
                shown = Integer.parseInt(year.trim());
            } catch (NumberFormatException e) {
                model.addAttribute("error", "calendar.badYear");
            }
            if (shown < 1900 || shown > 2200) {
                model.addAttribute("error", "calendar.badYear");
                shown = calendars.thisYear();
            }
        }
        return page(shown, locale, model, request.isUserInRole("ADMIN"));
    }

    /** A holiday file uploaded and previewed, waiting for its confirmation (kept in the session, at most 1 MB). */
    record PendingFile(String token, int year, String name, byte[] content, String fingerprint)
            implements java.io.Serializable {
    }

    private static final String PENDING = CalendarController.class.getName() + ".pending";

    /**
     * The upload: the file is read and compared with the schedule in force, nothing is stored; the page lists the days
     * whose working status would change and asks to confirm, or lists the problems.
     */
    @PostMapping("/admin/calendars")
    String importFile(@RequestParam(name = "year", required = false) String year,
                      @RequestParam(name = "file", required = false) MultipartFile file, Locale locale, Model model,
                      HttpSession session) {
        session.removeAttribute(PENDING);
        int target;
        try {
            target = Integer.parseInt(year == null ? "" : year.trim());
        } catch (NumberFormatException e) {
            model.addAttribute("importError", "calendar.import.noYear");
            return page(calendars.thisYear(), locale, model, true);
        }
        if (file == null || file.isEmpty()) {
            model.addAttribute("importError", "calendar.import.noFile");
            return page(clamp(target), locale, model, true);
        }
        String name = SchemeVersionController.fileName(file.getOriginalFilename());
        try {
            byte[] content = file.getBytes();
            Calendars.Preview preview = calendars.preview(target, name, content);
            byte[] token = new byte[16];
            RANDOM.nextBytes(token);
            PendingFile pending = new PendingFile(java.util.HexFormat.of().formatHex(token), target, name, content,
                    fingerprint(preview));
            session.setAttribute(PENDING, pending);
            return preview(preview, pending, locale, model);
        } catch (CalendarFileException e) {
            model.addAttribute("problems", e.problems().stream().map(p -> p.text(messages, locale)).toList());
            return page(clamp(target), locale, model, true);
        } catch (IOException e) {
            model.addAttribute("importError", "calendar.import.failed");
            return page(clamp(target), locale, model, true);
        }
    }

    /**
     * The confirmation: the previewed file replaces the year's schedule. When the schedule in force changed since the
     * preview (another import), nothing is stored and the new preview is shown.
     */
    @PostMapping("/admin/calendars/confirm")
    String confirm(@RequestParam(name = "token", required = false) String token, Principal principal,
                   Locale locale, Model model, HttpSession session, RedirectAttributes redirect) {
        if (!(session.getAttribute(PENDING) instanceof PendingFile pending) || !pending.token().equals(token)) {
            model.addAttribute("importError", "calendar.import.expired");
            return page(calendars.thisYear(), locale, model, true);
        }
        try {
            Calendars.Preview now = calendars.preview(pending.year(), pending.name(), pending.content());
            if (!fingerprint(now).equals(pending.fingerprint())) {
                PendingFile again = new PendingFile(pending.token(), pending.year(), pending.name(),
                        pending.content(), fingerprint(now));
                session.setAttribute(PENDING, again);
                model.addAttribute("importError", "calendar.import.changedSincePreview");
                return preview(now, again, locale, model);
            }
            HolidayFile.Parsed parsed = calendars.importFile(pending.year(), pending.name(), pending.content(),
                    principal.getName());
            session.removeAttribute(PENDING);
            redirect.addFlashAttribute("message", "calendar.import.done");
            redirect.addFlashAttribute("messageArg", Integer.toString(pending.year()));
            redirect.addFlashAttribute("messageArg2", parsed.days().size());
            return "redirect:/calendars?year=" + pending.year();
        } catch (CalendarFileException e) {
            session.removeAttribute(PENDING);
            model.addAttribute("problems", e.problems().stream().map(p -> p.text(messages, locale)).toList());
            return page(clamp(pending.year()), locale, model, true);
        }
    }

    /** Drops the file waiting for confirmation. */
    @PostMapping("/admin/calendars/cancel")
    String cancel(@RequestParam(name = "year", required = false) String year, HttpSession session) {
        session.removeAttribute(PENDING);
        return "redirect:/calendars" + (year != null && year.matches("\\d{4}") ? "?year=" + year : "");
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** A day of a preview as the page lists it. */
    record ChangeLine(String date, String weekday, String before, String after) {
    }

    private String preview(Calendars.Preview preview, PendingFile pending, Locale locale, Model model) {
        List<ChangeLine> lines = new ArrayList<>();
        for (Calendars.DayChange c : preview.changes()) {
            lines.add(new ChangeLine(c.date().toString(),
                    c.date().getDayOfWeek().getDisplayName(TextStyle.SHORT, locale),
                    label(c.before(), c.beforeName(), locale), label(c.after(), c.afterName(), locale)));
        }
        model.addAttribute("preview", preview);
        model.addAttribute("previewLines", lines);
        model.addAttribute("previewOffDays", preview.parsed().offDays());
        model.addAttribute("previewMakeUpDays", preview.parsed().workingDays());
        model.addAttribute("pending", pending);
        model.addAttribute("pendingYear", Integer.toString(pending.year()));
        return page(preview.year(), locale, model, true);
    }

    private String label(Calendars.DayKind kind, String name, Locale locale) {
        String text = messages.getMessage("calendar.kind." + kind.name(), null, locale);
        return name == null || name.isBlank() ? text : messages.getMessage("calendar.kind.named",
                new Object[] {text, name}, locale);
    }

    /** What a preview would change, to tell whether the schedule in force changed since it was shown. */
    private static String fingerprint(Calendars.Preview preview) {
        return preview.changes().toString() + preview.parsed().days() + preview.inForce()
                .map(y -> y.source() + " " + y.importedAt() + " " + y.parsed().days()).orElse("none");
    }

    private int clamp(int year) {
        return year < 1900 || year > 2200 ? calendars.thisYear() : year;
    }

    private String page(int year, Locale locale, Model model, boolean admin) {
        Map<Integer, Calendars.Year> years = calendars.years();
        Calendars.Year schedule = years.get(year);
        Map<LocalDate, HolidayFile.Day> listed = new HashMap<>();
        if (schedule != null) {
            schedule.parsed().days().forEach(d -> listed.put(d.date(), d));
        }
        List<Month> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            YearMonth month = YearMonth.of(year, m);
            List<List<Cell>> weeks = new ArrayList<>();
            List<Cell> week = new ArrayList<>();
            for (int pad = 1; pad < month.atDay(1).getDayOfWeek().getValue(); pad++) {
                week.add(new Cell(null, Kind.WORKING, ""));
            }
            for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
                HolidayFile.Day day = listed.get(d);
                Kind kind = day != null ? (day.off() ? Kind.OFF : Kind.MAKE_UP)
                        : HolidayFile.weekend(d) ? Kind.WEEKEND : Kind.WORKING;
                week.add(new Cell(d, kind, day != null ? day.name() : ""));
                if (week.size() == 7) {
                    weeks.add(week);
                    week = new ArrayList<>();
                }
            }
            if (!week.isEmpty()) {
                while (week.size() < 7) {
                    week.add(new Cell(null, Kind.WORKING, ""));
                }
                weeks.add(week);
            }
            months.add(new Month(month.getMonth().getDisplayName(TextStyle.FULL, locale), weeks));
        }
        List<String> weekdays = new ArrayList<>();
        for (DayOfWeek dow : DayOfWeek.values()) {
            weekdays.add(dow.getDisplayName(TextStyle.SHORT, locale));
        }
        int thisYear = calendars.thisYear();
        model.addAttribute("year", year);
        model.addAttribute("yearText", Integer.toString(year));
        model.addAttribute("schedule", schedule);
        model.addAttribute("years", years.values());
        model.addAttribute("months", months);
        model.addAttribute("weekdays", weekdays);
        model.addAttribute("canImport", admin);
        model.addAttribute("importYears", List.of(thisYear + 1, thisYear));
        model.addAttribute("offDays", schedule == null ? 0 : schedule.parsed().offDays());
        model.addAttribute("makeUpDays", schedule == null ? 0 : schedule.parsed().workingDays());
        return VIEW_CALENDAR;
    }
}
