package org.warmline.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.EvaluationChannel;
import org.warmline.ledger.EvaluationLevel;
import org.warmline.ledger.ReviewFinding;
import org.warmline.security.Account;

/** The API's response bodies (never the entities), with the phone masked for whoever does not work the case. */
@Component
class CaseViews {

    /** A running clock: which, since when, until when, and how close to late. */
    record ClockView(CaseClocks.Kind kind, Instant start, Instant deadline, CaseClocks.Colour colour) {
    }

    /**
     * A case as the API shows it. {@code phoneMasked} tells whether {@code citizenPhone} is masked; {@code resolved} is
     * the ledger's (the citizen's: {@code resolution} RESOLVED), {@code handlerResolved} the handler's own view;
     * {@code parentCase}, {@code repeatOf} and {@code followUpOf} the cases it is linked under; {@code routedUnit} and
     * {@code routedHandler} the routing rules' proposal at intake.
     */
    record CaseView(String caseNo, CaseState state, int version, Channel channel, Category category, boolean complex,
                    String topic, String citizenName, String citizenPhone, boolean phoneMasked, String address,
                    String demand, Instant occurredAt, Instant submittedAt, Instant recordedAt, Instant acceptedAt,
                    String acceptedBy, Instant dispatchedAt, String unit, String handler, Instant contactedAt,
                    boolean siteSurvey, Instant surveyedAt, String solution, Instant solutionAt, Instant completedAt,
                    boolean resolved, EvaluationLevel evaluation, EvaluationChannel evaluationChannel,
                    Instant evaluatedAt, String evaluationComment, Instant unsatisfiedAt, Instant reviewedAt,
                    ReviewFinding reviewFinding, Instant rehandledAt, Instant explainedAt, Instant withdrawnAt,
                    String withdrawnReason, String externalTicket, Instant nearestDeadline, List<ClockView> clocks,
                    Boolean handlerResolved, Resolution resolution, Resolution.Source resolutionSource,
                    Instant resolutionAt, String parentCase, String repeatOf, String followUpOf, String routedUnit,
                    String routedHandler) {
    }

    /** One page of the case list, sorted by nearest deadline; totalCapped: at least total match (counting stopped). */
    record PageView(List<CaseView> items, long total, int page, int size, boolean totalCapped) {
    }

    /** The answer to an intake made with {@code Prefer: return=minimal}: what a submitting system needs to keep. */
    record CaseCreated(String caseNo, int version, CaseState state) {
    }

    /** A case as {@link CaseCreated}. */
    static CaseCreated created(Case c) {
        return new CaseCreated(c.caseNo(), c.version(), c.state());
    }

    /** Whether a {@code Prefer} header (RFC 7240) asks for {@code return=minimal}. */
    static boolean minimal(String prefer) {
        if (prefer == null) {
            return false;
        }
        for (String preference : prefer.split(",")) {
            String token = preference.split(";", 2)[0].trim();
            int eq = token.indexOf('=');
            if (eq > 0 && token.substring(0, eq).trim().equalsIgnoreCase("return")
                    && unquoted(token.substring(eq + 1).trim()).equalsIgnoreCase("minimal")) {
                return true;
            }
        }
        return false;
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /**
     * One line of a case's history: {@code note} a text as a person wrote it (a reason, a remark), {@code text} what the
     * line says in the caller's language (null for none) with its message {@code textKey} and {@code textArgs}.
     */
    record HistoryView(Instant at, String actor, String action, String field, String before, String after,
                       String note, String text, String textKey, List<String> textArgs) {
    }

    private final CaseAccess access;
    private final CaseDesk desk;
    private final PhoneReveals reveals;
    private final Texts texts;

    CaseViews(CaseAccess access, CaseDesk desk, PhoneReveals reveals, Texts texts) {
        this.access = access;
        this.desk = desk;
        this.reveals = reveals;
        this.texts = texts;
    }

    /**
     * The case as the viewer may see it. A full phone number in the response is a reveal, logged in the case's history
     * ({@link PhoneReveals}) as the case page's "show number" is.
     */
    CaseView of(Case c, Account viewer, Instant now) {
        boolean full = access.worksOn(viewer, c);
        if (full && c.citizenPhone() != null) {
            reveals.record(c.id(), viewer, now);
        }
        return view(c, full, now);
    }

    /**
     * The answer to an intake: the case as the submitter may see it. The phone number is the one they have just sent,
     * so echoing it is not logged as a reveal.
     */
    CaseView submitted(Case c, Account submitter, Instant now) {
        return view(c, access.worksOn(submitter, c), now);
    }

    private CaseView view(Case c, boolean full, Instant now) {
        CaseClocks.Reading reading = desk.clocks(c, now);
        List<ClockView> clocks = reading.clocks().stream()
                .map(k -> new ClockView(k.kind(), k.start(), k.deadline(), k.colour())).toList();
        return new CaseView(c.caseNo(), c.state(), c.version(), c.channel(), c.category(), c.complex(), c.topic(),
                c.citizenName(), full ? c.citizenPhone() : PhoneMask.mask(c.citizenPhone()),
                !full && c.citizenPhone() != null, c.address(), c.demand(), c.occurredAt(), c.submittedAt(),
                c.recordedAt(), c.acceptedAt(), c.acceptedBy(), c.dispatchedAt(), c.unit(), c.handler(),
                c.contactedAt(), c.siteSurvey(), c.surveyedAt(), c.solution(), c.solutionAt(), c.completedAt(),
                c.resolved(), c.evaluation(), c.evaluationChannel(), c.evaluatedAt(), c.evaluationComment(),
                c.unsatisfiedAt(), c.reviewedAt(), c.reviewFinding(), c.rehandledAt(), c.explainedAt(),
                c.withdrawnAt(), c.withdrawnReason(), c.externalTicket(), reading.nearestDeadline().orElse(null),
                clocks, c.handlerResolved(), c.resolution(), c.resolutionSource(), c.resolutionAt(),
                caseNo(c.parentCase()), caseNo(c.repeatOf()), caseNo(c.followUpOf()), c.routedUnit(),
                c.routedHandler());
    }

    /** The number of a linked case (null for none). */
    private String caseNo(CaseId id) {
        return id == null ? null : desk.find(id).map(Case::caseNo).orElse(null);
    }

    /** A page of cases; the full phone numbers in it are logged as reveals, one history line per case (one write). */
    PageView of(CasePage page, Account viewer, Instant now) {
        int size = page.limit();
        List<CaseId> revealed = new ArrayList<>();
        List<CaseView> items = page.cases().stream().map(c -> {
            boolean full = access.worksOn(viewer, c);
            if (full && c.citizenPhone() != null) {
                revealed.add(c.id());
            }
            return view(c, full, now);
        }).toList();
        if (!revealed.isEmpty()) {
            reveals.recordAll(revealed, viewer, now);
        }
        return new PageView(items, page.total(), page.offset() / size, size, page.totalCapped());
    }

    /**
     * A case's history, its texts in the caller's language; phone numbers in it (a changed phone) are masked, or shown
     * and logged as a reveal.
     */
    List<HistoryView> history(Case c, List<HistoryEntry> entries, Account viewer, Instant now, Locale locale) {
        boolean full = access.worksOn(viewer, c);
        boolean shown = false;
        List<HistoryView> out = new ArrayList<>(entries.size());
        for (HistoryEntry e : entries) {
            boolean phone = "citizen_phone".equals(e.field());
            shown |= full && phone && (e.before() != null || e.after() != null);
            boolean mask = !full && phone;
            out.add(new HistoryView(e.at(), e.actor(), e.action(), e.field(),
                    mask ? PhoneMask.mask(e.before()) : e.before(), mask ? PhoneMask.mask(e.after()) : e.after(),
                    e.note(), e.text() == null ? null : texts.show(e.text(), locale),
                    e.text() == null ? null : e.text().key(), e.text() == null ? null : e.text().args()));
        }
        if (shown) {
            reveals.record(c.id(), viewer, now);
        }
        return out;
    }
}
