package org.warmline.citizen;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.warmline.cases.Case;
import org.warmline.cases.CaseDesk;
import org.warmline.cases.CaseEvent;
import org.warmline.cases.CaseId;
import org.warmline.cases.CaseRepository;
import org.warmline.cases.HistoryEntry;
import org.warmline.cases.KeyedText;
import org.warmline.cases.PhoneMask;
import org.warmline.cases.Texts;
import org.warmline.evaluation.CallbackAttemptsExhausted;
import org.warmline.notifications.Notifications;

/**
 * The desk's texts to citizens, through the SMS channel when it is on (docs/desk.md "Intake" and "Evaluation and
 * callbacks"; scheme 2.2 "向用户说明进度"): the tracking link once a case is registered (hotline and walk-in callers too), the plan
 * of a complex case when it is recorded, and the survey link when the case is completed or its callbacks did not
 * reach the citizen. A link is a new tracking token of the case. Each text is a line in the case's history (the
 * phone masked, the token left out). Written in the desk action's transaction under a savepoint: a text that cannot
 * be queued is logged and dropped, never failing the action.
 */
@Component
class CitizenMessages {

    private static final Logger log = LoggerFactory.getLogger(CitizenMessages.class);
    private static final int PLAN_CHARS = 120;
    /** What a tracking link shows in the case's history instead of its token. */
    private static final String HIDDEN_TOKEN = "…";

    private final Notifications notifications;
    private final TrackingTokens tokens;
    private final CaseDesk desk;
    private final CaseRepository cases;
    private final Texts texts;
    private final CitizenSettings settings;
    private final TransactionTemplate savepoint;

    CitizenMessages(Notifications notifications, TrackingTokens tokens, CaseDesk desk, CaseRepository cases,
                    Texts texts, CitizenSettings settings, PlatformTransactionManager transactions) {
        this.notifications = notifications;
        this.tokens = tokens;
        this.desk = desk;
        this.cases = cases;
        this.texts = texts;
        this.settings = settings;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        if (notifications.citizenTexts() && settings.publicUrl() == null) {
            throw new IllegalStateException("SMS is on (warmline.notifications.sms.url): set warmline.citizen.public-url "
                    + "to where citizens reach the public pages, for the links in their texts");
        }
    }

    @EventListener
    void registered(CaseEvent.CaseRegistered event) {
        withLink(event.caseId(), event.at(), "citizen.sms.registered", false);
    }

    @EventListener
    void planned(CaseEvent.SolutionGiven event) {
        if (!notifications.citizenTexts()) {
            return;
        }
        text(event.caseId(), event.at(), c -> {
            if (!c.complex() || c.solution() == null) {
                return null;
            }
            String plan = c.solution().length() > PLAN_CHARS ? c.solution().substring(0, PLAN_CHARS) + "…"
                    : c.solution();
            String text = texts.show(KeyedText.of("citizen.sms.plan", c.caseNo(), plan), Notifications.OUTSIDE);
            return new String[] {text, text};
        });
    }

    @EventListener
    void completed(CaseEvent.CaseCompleted event) {
        withLink(event.caseId(), event.at(), "citizen.sms.survey", true);
    }

    @EventListener
    void notReached(CallbackAttemptsExhausted event) {
        withLink(event.caseId(), event.at(), "citizen.sms.surveyAfterCallbacks", true);
    }

    /** A text with a tracking link (a new token; expiring as any link of a completed case does when it is). */
    private void withLink(CaseId caseId, Instant at, String key, boolean completed) {
        if (!notifications.citizenTexts()) {
            return;
        }
        text(caseId, at, c -> {
            String token = tokens.issue(c.id(), at);
            if (completed) {
                tokens.expireAfterClosing(c.id(), at);
            }
            String link = settings.publicUrl() + "/public/track/";
            return new String[] {
                    texts.show(KeyedText.of(key, c.caseNo(), link + token), Notifications.OUTSIDE),
                    texts.show(KeyedText.of(key, c.caseNo(), link + HIDDEN_TOKEN), Notifications.OUTSIDE)};
        });
    }

    /**
     * Texts the case's citizen what {@code compose} makes of the case (the text sent and the text kept in the
     * history), unless it makes nothing or the phone is no mobile number.
     */
    private void text(CaseId caseId, Instant at, java.util.function.Function<Case, String[]> compose) {
        try {
            savepoint.executeWithoutResult(status -> {
                Case c = desk.find(caseId).orElse(null);
                if (c == null || !Notifications.textable(c.citizenPhone())) {
                    return;
                }
                String[] text = compose.apply(c);
                if (text == null) {
                    return;
                }
                String signed = settings.smsSignature() + text[0];
                if (notifications.textCitizen(c.citizenPhone(), signed, c.id(), at)) {
                    cases.appendHistory(List.of(HistoryEntry.saying(c.id(), at, CaseDesk.SYSTEM,
                            Case.Action.MESSAGE.name(), KeyedText.of("history.message.sms",
                                    PhoneMask.mask(c.citizenPhone()), settings.smsSignature() + text[1]))));
                }
            });
        } catch (RuntimeException e) {
            log.error("text to the citizen of case {} could not be queued: {}", caseId, e.toString());
        }
    }

    /** How long a completed case's links live (for tests). */
    Duration afterClosing() {
        return Duration.ofDays(settings.tokenDaysAfterClosing());
    }
}
