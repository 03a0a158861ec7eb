package org.warmline.cases;

import java.util.Optional;

import org.warmline.ledger.Coded;
import org.warmline.ledger.Topic;

/**
 * The topic (问题类型) an intake gives, one rule for the agent's page and the API: a topic of the list — its code or its
 * Chinese name — or OTHER (其他) with, optionally, a short one-line text of its own saying what it is. The case keeps the
 * listed topic's code, or for OTHER with a text that text (as the ledger keeps a topic that is not on the list); the
 * repeat-complaint check compares what is kept.
 */
public final class TopicChoice {

    /** The longest text an OTHER topic may have. */
    public static final int TEXT_MAX = 50;

    /** Why a choice is refused: the message key {@code topic.refused.<name>}. */
    public enum Problem {
        /** No topic was chosen. */
        REQUIRED,
        /** The topic is not of the list. */
        UNKNOWN,
        /** A text was given with a topic other than OTHER. */
        TEXT_WITHOUT_OTHER,
        /** The text is longer than {@link #TEXT_MAX} or not one line. */
        TEXT_INVALID;

        /** The message key of this problem. */
        public String key() {
            return "topic.refused." + name();
        }
    }

    private TopicChoice() {
    }

    /** Why the choice is refused, or empty when it is a topic of the list (or OTHER with a fitting text). */
    public static Optional<Problem> problem(String topic, String text) {
        if (topic == null || topic.isBlank()) {
            return Optional.of(Problem.REQUIRED);
        }
        Topic listed = Coded.lookup(Topic.class, topic);
        if (listed == null) {
            return Optional.of(Problem.UNKNOWN);
        }
        if (text != null && !text.isBlank()) {
            if (listed != Topic.OTHER) {
                return Optional.of(Problem.TEXT_WITHOUT_OTHER);
            }
            if (text.strip().length() > TEXT_MAX || !TextRules.oneLine(text)) {
                return Optional.of(Problem.TEXT_INVALID);
            }
        }
        return Optional.empty();
    }

    /**
     * The topic as the case keeps it: the listed topic's code, or for OTHER with a text that text (trimmed).
     *
     * @throws IllegalArgumentException when the choice has a {@link #problem}
     */
    public static String kept(String topic, String text) {
        problem(topic, text).ifPresent(p -> {
            throw new IllegalArgumentException("topic " + topic + " / " + text + ": " + p);
        });
        Topic listed = Coded.lookup(Topic.class, topic);
        return listed == Topic.OTHER && text != null && !text.isBlank() ? text.strip() : listed.name();
    }
}
