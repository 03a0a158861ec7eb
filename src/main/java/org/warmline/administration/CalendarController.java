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
 * 调休上班, weekends) to administrators and assessors; {@code POST /admin/calendars} (ADMIN) imports a year's holiday
 * file, JSON or .ics, listing every problem and storing nothing when there is one.
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

    @PostMapping("/admin/calendars")
    String importFile(@RequestParam(name = "year", required = false) String year,
                      @RequestParam(name = "file", required = false) MultipartFile file, Principal principal,
                      Locale locale, Model model, RedirectAttributes redirect) {
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
            HolidayFile.Parsed parsed = calendars.importFile(target, name, file.getBytes(), principal.getName());
            redirect.addFlashAttribute("message", "calendar.import.done");
            redirect.addFlashAttribute("messageArg", Integer.toString(target));
            redirect.addFlashAttribute("messageArg2", parsed.days().size());
            return "redirect:/calendars?year=" + target;
        } catch (CalendarFileException e) {
            model.addAttribute("problems", e.problems().stream()
                    .map(p -> p.where() + ": " + messages.getMessage(p.key(), p.args().toArray(), locale)).toList());
            return page(clamp(target), locale, model, true);
        } catch (IOException e) {
            model.addAttribute("importError", "calendar.import.failed");
            return page(clamp(target), locale, model, true);
        }
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
