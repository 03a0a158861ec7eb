package org.warmline.api;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;
import org.warmline.cases.Case;
import org.warmline.cases.CaseAccess;
import org.warmline.cases.CaseClocks;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CasePage;
import org.warmline.cases.CaseState;
import org.warmline.cases.HistoryEntry;
import org.warmline.cases.PhoneMask;
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

    /** A case as the API shows it. {@code phoneMasked} tells whether {@code citizenPhone} is masked. */
    record CaseView(String caseNo, CaseState state, int version, Channel channel, Category category, boolean complex,
                    String topic, String citizenName, String citizenPhone, boolean phoneMasked, String address,
                    String demand, Instant occurredAt, Instant submittedAt, Instant recordedAt, Instant acceptedAt,
                    String acceptedBy, Instant dispatchedAt, String unit, String handler, Instant contactedAt,
                    boolean siteSurvey, Instant surveyedAt, String solution, Instant solutionAt, Instant completedAt,
                    boolean resolved, EvaluationLevel evaluation, EvaluationChannel evaluationChannel,
                    Instant evaluatedAt, String evaluationComment, Instant unsatisfiedAt, Instant reviewedAt,
                    ReviewFinding reviewFinding, Instant rehandledAt, Instant explainedAt, Instant withdrawnAt,
                    String withdrawnReason, String externalTicket, Instant nearestDeadline, List<ClockView> clocks) {
    }

    /** One page of the case list, sorted by nearest deadline; totalCapped: at least total match (counting stopped). */
    record PageView(List<CaseView> items, long total, int page, int size, boolean totalCapped) {
    }

    /** One line of a case's history. */
    record HistoryView(Instant at, String actor, String action, String field, String before, String after,
                       String note) {
    }

    private final CaseAccess access;
    private final CaseDesk desk;

    CaseViews(CaseAccess access, CaseDesk desk) {
        this.access = access;
        this.desk = desk;
    }

    CaseView of(Case c, Account viewer, Instant now) {
        boolean full = access.worksOn(viewer, c);
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
                clocks);
    }

    PageView of(CasePage page, Account viewer, Instant now) {
        int size = page.limit();
        return new PageView(page.cases().stream().map(c -> of(c, viewer, now)).toList(), page.total(),
                page.offset() / size, size, page.totalCapped());
    }

    List<HistoryView> history(Case c, List<HistoryEntry> entries, Account viewer) {
        boolean full = access.worksOn(viewer, c);
        return entries.stream().map(e -> {
            boolean phone = !full && "citizen_phone".equals(e.field());
            return new HistoryView(e.at(), e.actor(), e.action(), e.field(),
                    phone ? PhoneMask.mask(e.before()) : e.before(), phone ? PhoneMask.mask(e.after()) : e.after(),
                    e.note());
        }).toList();
    }
}
