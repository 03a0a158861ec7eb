package org.warmline.assessing;

import java.io.IOException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.warmline.administration.SchemeVersions;
import org.warmline.calendar.Period;
import org.warmline.security.Account;
import org.warmline.security.CurrentUser;
import org.warmline.security.Role;

/**
 * The what-if of a scheme version (方案试算, {@link SchemeWhatIf}) for the assessment office (ASSESSOR, ADMIN; anyone
 * else 403): {@code GET /assessments/what-if?version=…&period=…} compares a past period as the version in force on it
 * assesses it with the same period assessed by another version; {@code GET /assessments/what-if.xlsx} downloads the
 * comparison. A period that cannot be read or has not begun is 400, an unknown version 404, each with the page saying
 * why in the user's language.
 */
@Controller
class WhatIfPages {

    static final String VIEW = "assessing/what-if";
    /** How many differing deductions and bonuses of one item the page lists (the workbook has them all). */
    static final int ENTRIES_SHOWN = 20;

    private final SchemeWhatIf whatIf;
    private final LiveAssessment live;
    private final SchemeVersions versions;
    private final Publications publications;
    private final CurrentUser currentUser;
    private final MessageSource messages;

    WhatIfPages(SchemeWhatIf whatIf, LiveAssessment live, SchemeVersions versions, Publications publications,
                CurrentUser currentUser, MessageSource messages) {
        this.whatIf = whatIf;
        this.live = live;
        this.versions = versions;
        this.publications = publications;
        this.currentUser = currentUser;
        this.messages = messages;
    }

    /** The assessment office: assessors and administrators. */
    private void office() {
        Account account = currentUser.required();
        if (account.role() != Role.ASSESSOR && account.role() != Role.ADMIN) {
            throw new AccessDeniedException("the what-if of a scheme version is the assessment office's");
        }
    }

    @GetMapping("/assessments/what-if")
    String page(@RequestParam(required = false) String version, @RequestParam(required = false) String period,
                Locale locale, Model model, HttpServletResponse response) {
        office();
        List<SchemeVersions.Listed> listed = versions.list();
        model.addAttribute("versions", listed);
        model.addAttribute("versionText", version != null ? version.trim() : proposed(listed));
        model.addAttribute("periodText", period != null ? period.trim()
                : YearMonth.now(live.zone()).minusMonths(1).toString());
        model.addAttribute("entriesShown", ENTRIES_SHOWN);
        if (version == null || period == null) {
            return VIEW;
        }
        try {
            Period p = live.period(period.trim());
            SchemeWhatIf.Comparison comparison = whatIf.compare(version, p, Instant.now(),
                    LiveAssessment.language(locale));
            model.addAttribute("comparison", comparison);
            model.addAttribute("asOf", comparison.asOf().atZone(live.zone()).toLocalDateTime().withNano(0)
                    .toString().replace('T', ' '));
            publications.latest(p.label()).ifPresent(pub -> model.addAttribute("publishedVersion", pub.version()));
        } catch (AssessmentRefused e) {
            refused(e, model, response);
        }
        return VIEW;
    }

    @GetMapping("/assessments/what-if.xlsx")
    String workbook(@RequestParam(required = false) String version, @RequestParam(required = false) String period,
                    Locale locale, Model model, HttpServletResponse response) throws IOException {
        office();
        Locale language = LiveAssessment.language(locale);
        SchemeWhatIf.Comparison comparison;
        try {
            if (version == null || version.isBlank()) {
                throw new AssessmentRefused(404, "whatIf.error.unknownVersion", "version", "");
            }
            comparison = whatIf.compare(version, live.period(period == null ? "" : period.trim()), Instant.now(),
                    language);
        } catch (AssessmentRefused e) {
            List<SchemeVersions.Listed> listed = versions.list();
            model.addAttribute("versions", listed);
            model.addAttribute("versionText", version == null ? proposed(listed) : version.trim());
            model.addAttribute("periodText", period == null ? "" : period.trim());
            model.addAttribute("entriesShown", ENTRIES_SHOWN);
            refused(e, model, response);
            return VIEW;
        }
        response.setContentType(AssessmentApi.XLSX.toString());
        response.setHeader("Content-Disposition", "attachment; filename=\"warmline-what-if-"
                + comparison.period().label() + "-" + safe(comparison.versionAfter()) + ".xlsx\"");
        WhatIfWorkbook.write(comparison, response.getOutputStream(), messages, language, live.zone());
        return null;
    }

    private static void refused(AssessmentRefused e, Model model, HttpServletResponse response) {
        response.setStatus(e.status());
        model.addAttribute("error", e.key());
        Object[] args = e.args();
        model.addAttribute("errorArg", args.length > 0 ? args[0] : null);
        model.addAttribute("errorField", e.field());
    }

    /** The version a what-if is most likely for: the latest uploaded one not yet in force, else the one in force. */
    private static String proposed(List<SchemeVersions.Listed> listed) {
        Optional<SchemeVersions.Listed> waiting = listed.stream()
                .filter(v -> !v.builtIn() && !v.inForce() && (v.activeFrom().isEmpty() || v.scheduled()))
                .reduce((a, b) -> b);
        return waiting.or(() -> listed.stream().filter(SchemeVersions.Listed::inForce).findFirst())
                .map(SchemeVersions.Listed::version).orElse(SchemeVersions.BUILT_IN);
    }

    /** A version name as it may appear in a file name (version names are letters, digits, '.', '_' and '-'). */
    private static String safe(String version) {
        return version.replaceAll("[^\\p{L}\\p{N}._-]", "_").replaceAll("[^\\x20-\\x7e]", "_");
    }
}
