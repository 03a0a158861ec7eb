package org.warmline.assessing;

import java.io.IOException;
import java.time.Instant;
import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.warmline.assessment.AssessmentEngine;
import org.warmline.assessment.AssessmentResult;
import org.warmline.calendar.Period;
import org.warmline.ledger.LedgerException;
import org.warmline.ledger.LedgerProblem;
import org.warmline.reporting.XlsxReport;
import org.warmline.security.Account;
import org.warmline.security.CurrentUser;

/**
 * The assessment pages (考核): a period's ranking of the subjects of a kind and its trend over the months of the year,
 * a subject's items with every deduction and bonus (a case's deduction links to the case), publishing, appeals and
 * their decisions, the exports and the import of a ledger workbook. A published period shows its frozen result; an
 * unpublished one the live result as of now.
 */
@Controller
class AssessmentPages {

    static final String VIEW_OVERVIEW = "assessing/overview";
    static final String VIEW_SUBJECT = "assessing/subject";
    static final String VIEW_APPEALS = "assessing/appeals";
    static final String VIEW_IMPORT = "assessing/import";

    private final LiveAssessment live;
    private final Publications publications;
    private final Appeals appeals;
    private final LedgerTransfer transfer;
    private final Viewers viewers;
    private final CurrentUser currentUser;
    private final MessageSource messages;
    private final TrendMonths trendMonths;
    private final PendingImports pending;

    AssessmentPages(LiveAssessment live, Publications publications, Appeals appeals, LedgerTransfer transfer,
                    Viewers viewers, CurrentUser currentUser, MessageSource messages, TrendMonths trendMonths, PendingImports pending) {
        this.pending = pending;
        this.messages = messages;
        this.trendMonths = trendMonths;
        this.live = live;
        this.publications = publications;
        this.appeals = appeals;
        this.transfer = transfer;
        this.viewers = viewers;
        this.currentUser = currentUser;
    }

    /** What a page shows of a period: the frozen result if published, else the live one. */
    private record Shown(Period period, ResultDocument result, Publication publication) {
    }

    /** The frozen result if the period is published, else the live one, as the account may see it. */
    private Shown shown(Period period, Locale locale, Account account) {
        Optional<Publication> publication = publications.latest(period.label());
        if (publication.isPresent()) {
            return new Shown(period, viewers.visible(account, ResultDocument.parse(publication.get().json(locale))),
                    publication.get());
        }
        AssessmentResult result = live.assess(period, Instant.now(), locale);
        return new Shown(period, viewers.visible(account, ResultDocument.parse(LiveAssessment.json(result))), null);
    }

    private Account viewer() {
        Account account = currentUser.required();
        if (!Viewers.mayView(account)) {
            throw new AccessDeniedException("assessment results");
        }
        return account;
    }

    private Period period(String text, Model model) {
        try {
            return live.period(text);
        } catch (AssessmentRefused e) {
            model.addAttribute("periodError", e.key());
            model.addAttribute("periodErrorArg", text);
            return null;
        }
    }

    private void common(Model model, Account account, Shown shown) {
        model.addAttribute("period", shown.period().label());
        model.addAttribute("result", shown.result().root());
        model.addAttribute("publication", shown.publication());
        model.addAttribute("assessor", Viewers.isAssessor(account));
        model.addAttribute("manager", account.role() == org.warmline.security.Role.UNIT_MANAGER);
        model.addAttribute("mayTransfer", LedgerTransfer.mayTransfer(account));
        model.addAttribute("zone", live.zone());
        if (shown.publication() != null) {
            Instant closes = appeals.closes(shown.publication());
            model.addAttribute("appealsClose", closes.atZone(live.zone()).toLocalDateTime()
                    .withSecond(0).withNano(0).toString().replace('T', ' '));
            model.addAttribute("appealsOpen", Instant.now().isBefore(closes));
        }
    }

    @GetMapping("/assessments")
    String overview(@RequestParam(required = false) String period, @RequestParam(required = false) String kind,
                    Locale locale, Model model) {
        Account account = viewer();
        String text = period == null || period.isBlank()
                ? java.time.YearMonth.now(live.zone()).minusMonths(1).toString() : period.trim();
        model.addAttribute("periodText", text);
        Period p = period(text, model);
        if (p == null) {
            return VIEW_OVERVIEW;
        }
        Shown shown = shown(p, locale, account);
        common(model, account, shown);
        Predicate<String> visible = viewers.subjects(account);
        List<String> kinds = shown.result().kinds(visible);
        String chosen = kind != null && kinds.contains(kind) ? kind : kinds.isEmpty() ? null : kinds.get(0);
        model.addAttribute("kinds", kinds);
        model.addAttribute("kind", chosen);
        model.addAttribute("ranking", chosen == null ? List.of() : shown.result().ranking(chosen, visible));
        model.addAttribute("year", yearOf(p));
        return VIEW_OVERVIEW;
    }

    @GetMapping("/assessments/{period}/subjects/{code}")
    String subject(@PathVariable String period, @PathVariable String code, Locale locale, Model model) {
        Account account = viewer();
        Period p = live.period(period);
        if (!viewers.subjects(account).test(code)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Shown shown = shown(p, locale, account);
        Map<String, Object> subject = shown.result().subject(code)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        common(model, account, shown);
        model.addAttribute("periodText", p.label());
        markCaseRefs(subject);
        model.addAttribute("subject", subject);
        model.addAttribute("year", yearOf(p));
        model.addAttribute("appeals", appeals.ofPeriod(p.label()).stream()
                .filter(a -> a.subject().equals(code)).toList());
        return VIEW_SUBJECT;
    }

    /** Marks each deduction whose reference is a case number ({@code caseRef}), so the page links it to the case. */
    @SuppressWarnings("unchecked")
    private static void markCaseRefs(Map<String, Object> subject) {
        Map<String, Object> items = (Map<String, Object>) subject.get("items");
        for (Object item : items.values()) {
            for (Map<String, Object> d : (List<Map<String, Object>>) ((Map<String, Object>) item).get("deductions")) {
                d.put("caseRef", caseRef((String) d.get("rule")) && d.get("ref") != null);
                // an adjustment giving points back is listed with negative points: shown as a plus
                java.math.BigDecimal points = ResultDocument.decimal(d.get("points"));
                d.put("shown", (points.signum() < 0 ? "+" : "\u2212") + points.abs().toPlainString());
            }
        }
    }

    /** Whether a deduction's reference is a case number (the engine says which rules are a case's). */
    static boolean caseRef(String rule) {
        return AssessmentEngine.refersToCase(rule);
    }

    @PostMapping("/assessments/{period}/publish")
    String publish(@PathVariable String period, @RequestParam(required = false) String asOf,
                   RedirectAttributes redirect) {
        Account account = viewer();
        try {
            Period p = live.period(period);
            Publication publication = publications.publish(p, live.asOf(asOf, Instant.now()), account, Instant.now());
            redirect.addFlashAttribute("message", "assessing.published");
            redirect.addFlashAttribute("messageArg", publication.period());
            redirect.addFlashAttribute("messageArg2", publication.version());
        } catch (AssessmentRefused e) {
            refused(e, redirect);
        }
        return "redirect:/assessments?period=" + period;
    }

    @PostMapping("/assessments/{period}/subjects/{code}/appeals")
    String appeal(@PathVariable String period, @PathVariable String code, @RequestParam String item,
                  @RequestParam int index, @RequestParam(required = false) String reason,
                  RedirectAttributes redirect) {
        Account account = viewer();
        try {
            Appeal appeal = appeals.file(account, live.period(period).label(), code, item, index, reason,
                    Instant.now());
            redirect.addFlashAttribute("message", "assessing.appeal.filed");
            redirect.addFlashAttribute("messageArg", appeal.id());
        } catch (AssessmentRefused e) {
            refused(e, redirect);
        }
        return "redirect:/assessments/" + period + "/subjects/" + code;
    }

    @GetMapping("/assessments/{period}/appeals")
    String appealList(@PathVariable String period, Model model) {
        Account account = viewer();
        Period p = live.period(period);
        Predicate<String> visible = viewers.subjects(account);
        List<Appeal> list = appeals.ofPeriod(p.label()).stream().filter(a -> visible.test(a.subject())).toList();
        Map<Long, List<Appeal.Step>> steps = new LinkedHashMap<>();
        list.forEach(a -> steps.put(a.id(), appeals.steps(a.id())));
        model.addAttribute("period", p.label());
        model.addAttribute("appeals", list);
        model.addAttribute("caseRefs", list.stream().filter(a -> caseRef(a.rule()) && a.ref() != null)
                .map(Appeal::id).collect(java.util.stream.Collectors.toSet()));
        model.addAttribute("steps", steps);
        model.addAttribute("zone", live.zone());
        model.addAttribute("assessor", Viewers.isAssessor(account));
        return VIEW_APPEALS;
    }

    @PostMapping("/assessments/appeals/{id}/{decision:uphold|reject}")
    String decide(@PathVariable long id, @PathVariable String decision,
                  @RequestParam(required = false) String note, RedirectAttributes redirect) {
        Account account = viewer();
        Appeal appeal = appeals.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            if (decision.equals("uphold")) {
                appeals.uphold(account, id, note, Instant.now());
                redirect.addFlashAttribute("message", "assessing.appeal.upheld");
            } else {
                appeals.reject(account, id, note, Instant.now());
                redirect.addFlashAttribute("message", "assessing.appeal.rejected");
            }
            redirect.addFlashAttribute("messageArg", id);
        } catch (AssessmentRefused e) {
            refused(e, redirect);
        }
        return "redirect:/assessments/" + appeal.period() + "/appeals";
    }

    /**
     * The months of the year of a period and each month's total of the chosen subjects (the trend chart's data): a
     * published month's frozen total, an unpublished month's live total (kept for a short time, {@link TrendMonths}).
     * A subject missing from a month (not yet there) has {@code null} for it; {@code published} gives each month's
     * published version, or {@code null}.
     */
    @GetMapping(value = "/assessments/trend", produces = "application/json")
    @ResponseBody
    Map<String, Object> trend(@RequestParam String year, @RequestParam(required = false) String kind,
                              @RequestParam(required = false) String subject, Locale locale) {
        Account account = viewer();
        Period p = live.period(year);
        if (p.kind() != Period.Kind.YEAR) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        List<TrendMonths.MonthTotals> months = trendMonths.year(p, locale);
        Predicate<String> visible = viewers.subjects(account);
        Map<String, Map<String, Object>> series = new LinkedHashMap<>();
        for (int m = 0; m < months.size(); m++) {
            for (TrendMonths.SubjectTotal s : months.get(m).subjects()) {
                if (!visible.test(s.code()) || subject != null && !subject.equals(s.code())
                        || subject == null && kind != null && !kind.equals(s.kind())) {
                    continue;
                }
                Map<String, Object> one = series.get(s.code());
                if (one == null) {
                    if (series.size() == 20) {
                        continue;
                    }
                    one = new LinkedHashMap<>();
                    one.put("name", s.code() + " " + s.name());
                    one.put("data", new ArrayList<>(java.util.Collections.nCopies(months.size(), null)));
                    series.put(s.code(), one);
                }
                @SuppressWarnings("unchecked")
                List<Object> data = (List<Object>) one.get("data");
                data.set(m, s.total());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("months", months.stream().map(TrendMonths.MonthTotals::month).toList());
        body.put("published", months.stream().map(TrendMonths.MonthTotals::publishedVersion).toList());
        body.put("series", new ArrayList<>(series.values()));
        return body;
    }

    /**
     * The result workbook of a period: of a published period its latest published (frozen) version — what its pages
     * and {@code /api/assessments/{period}/published} show — unless {@code live=true}; of an unpublished period the
     * live result as of now. The summary sheet says which (live, or published version N, when and by whom) next to
     * the result's {@code as_of} and scheme version.
     */
    @GetMapping("/assessments/{period}/result.xlsx")
    void resultXlsx(@PathVariable String period, @RequestParam(name = "live", required = false) String liveParam,
                    Locale locale, HttpServletResponse response) throws IOException {
        Account account = viewer();
        Period p = live.period(period);
        Optional<Publication> publication = "true".equalsIgnoreCase(liveParam) ? Optional.empty()
                : publications.latest(p.label());
        Locale language = LiveAssessment.language(locale);
        AssessmentResult result;
        String source;
        if (publication.isPresent()) {
            Publication frozen = publication.get();
            result = ResultDocument.parse(frozen.json(language)).toResult(p);
            source = messages.getMessage("assessing.export.published", new Object[] {frozen.version(),
                    frozen.publishedAt().atZone(live.zone()).toLocalDateTime().withSecond(0).withNano(0).toString()
                            .replace('T', ' '), frozen.publishedBy()}, language);
        } else {
            result = live.assess(p, Instant.now(), language);
            source = messages.getMessage("assessing.export.live", null, language);
        }
        result = viewers.visible(account, result);
        response.setContentType(AssessmentApi.XLSX.toString());
        response.setHeader("Content-Disposition", "attachment; filename=\"warmline-" + p.label()
                + publication.map(f -> "-v" + f.version()).orElse("") + ".xlsx\"");
        LedgerTransfer.exportResult(result, response.getOutputStream(), language,
                List.of(new XlsxReport.Note(messages.getMessage("assessing.export.source", null, language), source)));
    }

    @GetMapping("/assessments/ledger.xlsx")
    void ledgerXlsx(@RequestParam(required = false) String period, HttpServletResponse response) throws IOException {
        Account account = currentUser.required();
        if (!LedgerTransfer.mayTransfer(account)) {
            throw new AccessDeniedException("ledger export");
        }
        Period p = period == null || period.isBlank() ? null : live.period(period);
        response.setContentType(AssessmentApi.XLSX.toString());
        response.setHeader("Content-Disposition", "attachment; filename=\"warmline-ledger"
                + (p == null ? "" : "-" + p.label()) + ".xlsx\"");
        transfer.exportLedger(p, response.getOutputStream());
    }

    @GetMapping("/assessments/import")
    String importForm() {
        if (!LedgerTransfer.mayTransfer(currentUser.required())) {
            throw new AccessDeniedException("ledger import");
        }
        return VIEW_IMPORT;
    }

    /**
     * The upload: the workbook is read and compared with the desk, nothing is changed; the page shows what the import
     * would do (new cases, changed cases with their changed facts, unchanged cases, units, staff and manual records)
     * and asks to confirm, or lists the problems.
     */
    @PostMapping("/assessments/import")
    String previewImport(@RequestParam(name = "file", required = false) MultipartFile file, Locale locale,
                         Model model, HttpSession session) {
        Account account = currentUser.required();
        if (!LedgerTransfer.mayTransfer(account)) {
            throw new AccessDeniedException("ledger import");
        }
        if (file == null || file.isEmpty()) {
            model.addAttribute("error", "assessing.import.noFile");
            return VIEW_IMPORT;
        }
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            model.addAttribute("error", "assessing.import.notXlsx");
            return VIEW_IMPORT;
        }
        try (var in = file.getInputStream()) {
            PendingImports.Pending kept = pending.keep(session, in, name);
            try (var again = pending.open(kept)) {
                LedgerTransfer.ImportPlan plan = transfer.previewImport(again, name, locale);
                pending.shown(session, kept, plan.fingerprint());
                model.addAttribute("plan", plan);
                model.addAttribute("token", kept.token());
            }
            return VIEW_IMPORT;
        } catch (LedgerException e) {
            pending.discard(session);
            model.addAttribute("problems", e.problems().stream().map(LedgerProblem::toString).toList());
            return VIEW_IMPORT;
        } catch (IOException | org.springframework.dao.DataAccessException | IllegalArgumentException
                 | java.io.UncheckedIOException e) {
            pending.discard(session);
            model.addAttribute("error", "assessing.import.failed");
            return VIEW_IMPORT;
        }
    }

    /**
     * The confirmation of a preview: the import as shown, all or nothing. When the desk's data changed since the
     * preview (a case corrected meanwhile), nothing is imported and the new preview is shown to confirm again.
     */
    @PostMapping("/assessments/import/confirm")
    String confirmImport(@RequestParam(name = "token", required = false) String token, Locale locale, Model model,
                         HttpSession session, RedirectAttributes redirect) {
        Account account = currentUser.required();
        if (!LedgerTransfer.mayTransfer(account)) {
            throw new AccessDeniedException("ledger import");
        }
        Optional<PendingImports.Pending> found = pending.find(session, token);
        if (found.isEmpty()) {
            model.addAttribute("error", "assessing.import.expired");
            return VIEW_IMPORT;
        }
        PendingImports.Pending kept = found.get();
        try (var in = pending.open(kept)) {
            LedgerTransfer.ImportPlan done = transfer.importLedger(in, kept.name(), locale, account, Instant.now(),
                    kept.fingerprint());
            pending.discard(session);
            redirect.addFlashAttribute("imported", done);
            return "redirect:/assessments/import";
        } catch (LedgerTransfer.PlanChanged e) {
            pending.shown(session, kept, e.plan().fingerprint());
            model.addAttribute("plan", e.plan());
            model.addAttribute("token", kept.token());
            model.addAttribute("error", "assessing.import.changedSincePreview");
            return VIEW_IMPORT;
        } catch (LedgerException e) {
            pending.discard(session);
            model.addAttribute("problems", e.problems().stream().map(LedgerProblem::toString).toList());
            return VIEW_IMPORT;
        } catch (IOException | org.springframework.dao.DataAccessException | IllegalArgumentException
                 | java.io.UncheckedIOException | org.warmline.cases.TransitionRefused e) {
            pending.discard(session);
            model.addAttribute("error", "assessing.import.failed");
            return VIEW_IMPORT;
        }
    }

    /** Drops the workbook waiting for confirmation. */
    @PostMapping("/assessments/import/cancel")
    String cancelImport(HttpSession session) {
        if (!LedgerTransfer.mayTransfer(currentUser.required())) {
            throw new AccessDeniedException("ledger import");
        }
        pending.discard(session);
        return "redirect:/assessments/import";
    }

    private static void refused(AssessmentRefused e, RedirectAttributes redirect) {
        redirect.addFlashAttribute("failure", e.key());
        Object[] args = e.args();
        redirect.addFlashAttribute("failureArg", args.length > 0 ? args[0] : null);
    }

    private String yearOf(Period p) {
        int year = p.kind() == Period.Kind.YEAR ? Integer.parseInt(p.label()) : p.start().getYear();
        return Year.of(year).toString();
    }
}
