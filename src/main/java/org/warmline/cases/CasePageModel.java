package org.warmline.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.warmline.calendar.Period;
import org.warmline.files.FileKind;
import org.warmline.files.Upload;
import org.warmline.ledger.Category;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.ReviewFinding;
import org.warmline.ledger.Topic;
import org.warmline.security.Account;

/**
 * What the case page ({@code cases/detail}) and the printable case sheet show, in one place: the case with its clocks,
 * history, files, notes and contact log, and the forms this viewer may use now — the transitions, a note, a contact
 * attempt, a file, a correction (with the assessment periods of the case that are published, whose results a
 * correction does not change).
 */
@Component
class CasePageModel {

    static final String VIEW_DETAIL = "cases/detail";

    /** How the history shows a field's values: by the message key prefix of its codes. */
    static final Map<String, String> VALUE_KEYS = Map.ofEntries(Map.entry("state", "case.state."),
            Map.entry("category", "category."), Map.entry("topic", "topic."),
            Map.entry("contact_outcome", "contact.outcome."), Map.entry("complex", "bool."),
            Map.entry("resolved", "bool."), Map.entry("handler_resolved", "bool."), Map.entry("site_survey", "bool."),
            Map.entry("evaluation", "level."), Map.entry("review_finding", "finding."), Map.entry("channel", "channel."),
            Map.entry("resolution", "resolution."), Map.entry("evaluation_channel", "mix."));

    /** The history's fields whose values are unit codes, and those whose values are staff codes. */
    private static final java.util.Set<String> UNIT_FIELDS = java.util.Set.of("unit", "level_unit");
    private static final java.util.Set<String> STAFF_FIELDS = java.util.Set.of("handler", "accepted_by");

    private final DeskSupport support;
    private final CaseAttachments attachments;
    private final org.springframework.beans.factory.ObjectProvider<PublishedPeriods> publications;
    private final CaseClocks clocks;

    CasePageModel(DeskSupport support, CaseAttachments attachments,
                  org.springframework.beans.factory.ObjectProvider<PublishedPeriods> publications, CaseClocks clocks) {
        this.support = support;
        this.attachments = attachments;
        this.publications = publications;
        this.clocks = clocks;
    }

    String page(Case c, Account me, DeskSupport.Org org, boolean revealed, Model model) {
        Instant now = Instant.now();
        boolean works = support.worksCase(me, c);
        common(c, me, org, revealed, model, now);
        List<String> actions = works ? Arrays.stream(DeskAction.values())
                .filter(a -> a.allowedTo(me.role()) && a.offeredFor(c)).map(DeskAction::path).toList() : List.of();
        model.addAttribute("actions", actions);
        model.addAttribute("units", List.copyOf(org.units().values()));
        model.addAttribute("staff", support.stewards().all());
        model.addAttribute("levels", EvaluationLevel.values());
        model.addAttribute("findings", ReviewFinding.values());
        model.addAttribute("links", links(c, me));
        model.addAttribute("resolutionRule", support.desk().resolutionRules().ruleOf(c).name());
        model.addAttribute("followUpUntil", c.completedAt() == null ? null
                : c.completedAt().plus(support.desk().resolutionRules().followUpWindow()));
        if (c.routedUnit() != null) {
            model.addAttribute("routedUnitName", org.unitName(c.routedUnit()));
            model.addAttribute("routedHandlerName", org.staffName(c.routedHandler()));
        }
        model.addAttribute("mayNote", works && allowed(me, Case.Action.NOTE));
        model.addAttribute("mayAttach", works && allowed(me, Case.Action.ATTACH));
        model.addAttribute("mayContact", works && allowed(me, Case.Action.CONTACT_ATTEMPT)
                && (c.state() == CaseState.DISPATCHED || c.state() == CaseState.IN_PROGRESS
                || c.state() == CaseState.SOLUTION_GIVEN));
        model.addAttribute("mayCorrect", works && allowed(me, Case.Action.CORRECT));
        model.addAttribute("outcomes", ContactOutcome.values());
        model.addAttribute("categories", Category.values());
        model.addAttribute("topics", Topic.values());
        model.addAttribute("published", published(c));
        model.addAttribute("maxFileMegabytes", Upload.megabytes(attachments.maxSize()));
        model.addAttribute("maxFileBytes", attachments.maxSize());
        model.addAttribute("maxFiles", attachments.maxPerCase());
        model.addAttribute("fileAccept", accept());
        return VIEW_DETAIL;
    }

    /** What the page and the printable sheet both show. */
    void common(Case c, Account me, DeskSupport.Org org, boolean revealed, Model model, Instant now) {
        boolean works = support.worksCase(me, c);
        model.addAttribute("row", support.row(c, me, org, now));
        model.addAttribute("c", c);
        model.addAttribute("phone", works && revealed ? c.citizenPhone() : DeskSupport.mask(c.citizenPhone()));
        model.addAttribute("phoneRevealed", works && revealed);
        model.addAttribute("canReveal", works && !revealed && c.citizenPhone() != null);
        model.addAttribute("history", named(phonesMasked(support.desk().history(c.id())), org));
        model.addAttribute("valueKeys", VALUE_KEYS);
        model.addAttribute("files", attachments.of(c.id()));
        model.addAttribute("notes", support.desk().notes(c.id()));
        model.addAttribute("contacts", support.desk().contacts(c.id()));
        model.addAttribute("unitName", org.unitName(c.unit()));
        model.addAttribute("handlerName", org.staffName(c.handler()));
        model.addAttribute("acceptedByName", org.staffName(c.acceptedBy()));
    }

    /**
     * The history as a person reads it: units and staff by name (a staff member as 王志强(GJ0001)), the actor too;
     * codes the organisation no longer knows stay as they are. The API gives the codes.
     */
    private static List<HistoryEntry> named(List<HistoryEntry> history, DeskSupport.Org org) {
        return history.stream().map(h -> {
            String field = h.field() == null ? "" : h.field();
            java.util.function.UnaryOperator<String> name = UNIT_FIELDS.contains(field) ? org::unitName
                    : STAFF_FIELDS.contains(field) ? org::staffName : v -> v;
            return new HistoryEntry(h.caseId(), h.at(), h.actor() == null ? null : org.staffName(h.actor()), h.action(),
                    h.field(),
                    h.before() == null ? null : name.apply(h.before()), h.after() == null ? null : name.apply(h.after()),
                    h.note(), h.text());
        }).toList();
    }

    /** The history as the pages show it: a changed phone number masked, whoever looks (the page reveals it apart). */
    private static List<HistoryEntry> phonesMasked(List<HistoryEntry> history) {
        return history.stream().map(h -> !"citizen_phone".equals(h.field()) ? h
                : new HistoryEntry(h.caseId(), h.at(), h.actor(), h.action(), h.field(), PhoneMask.mask(h.before()),
                        PhoneMask.mask(h.after()), h.note(), h.text())).toList();
    }

    /** A case linked to this one, as the page names it: the kind of link and the other case's number. */
    record Link(String kind, String caseNo) {
    }

    /**
     * The case this one is linked under (the complex case of a cluster, the earlier case it repeats or follows up) and
     * the cases linked to it; only cases the viewer may see are named.
     */
    private List<Link> links(Case c, Account me) {
        List<Link> out = new ArrayList<>();
        java.util.function.BiConsumer<String, CaseId> up = (kind, id) -> {
            if (id != null) {
                support.desk().find(id).filter(other -> support.access().sees(me, other))
                        .ifPresent(other -> out.add(new Link(kind, other.caseNo())));
            }
        };
        up.accept("parent", c.parentCase());
        up.accept("repeatOf", c.repeatOf());
        up.accept("followUpOf", c.followUpOf());
        for (Case child : support.desk().children(c.id())) {
            if (support.access().sees(me, child)) {
                out.add(new Link("child", child.caseNo()));
            }
        }
        for (Case later : support.desk().relatedLater(c.id())) {
            if (support.access().sees(me, later)) {
                out.add(new Link(c.id().equals(later.repeatOf()) ? "repeatedBy" : "followedUpBy", later.caseNo()));
            }
        }
        return out;
    }

    private static boolean allowed(Account me, Case.Action action) {
        return CaseAccess.may(me.role(), action);
    }

    /** The labels of the assessment periods holding the case's submission that have been published. */
    List<String> published(Case c) {
        if (c.submittedAt() == null) {
            return List.of();
        }
        LocalDate day = c.submittedAt().atZone(support.format().zone()).toLocalDate();
        int startMonth = clocks.schemeOf(c).yearStartMonth();
        List<String> periods = new ArrayList<>();
        periods.add(Period.month(java.time.YearMonth.from(day)).label());
        periods.add(Period.quarterOf(day).label());
        for (int year = day.getYear() - 1; year <= day.getYear(); year++) {
            if (Period.year(year, startMonth).contains(day)) {
                periods.add(Period.year(year, startMonth).label());
            }
        }
        java.util.Set<String> found = publications.getIfAvailable(() -> PublishedPeriods.NONE).publishedOf(periods);
        return periods.stream().filter(found::contains).toList();
    }

    /** The file input's {@code accept}: the extensions and media types of every accepted kind. */
    static String accept() {
        List<String> accept = new ArrayList<>();
        for (FileKind k : FileKind.values()) {
            accept.add("." + k.extension());
            accept.add(k.mediaType());
        }
        accept.add(".jpeg");
        accept.add("image/*");
        return String.join(",", accept);
    }
}
