package org.warmline.evaluation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The callbacks' settings ({@code warmline.callbacks.*}).
 *
 * @param maxAttempts     after this many callback attempts that do not reach the citizen the case leaves the queue
 *                        (and the survey link is texted where SMS is on); default 3
 * @param attemptInterval attempts are at least this far apart; default 4 hours
 */
@ConfigurationProperties("warmline.callbacks")
record CallbackSettings(Integer maxAttempts, Duration attemptInterval) {

    CallbackSettings {
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        attemptInterval = attemptInterval == null ? Duration.ofHours(4) : attemptInterval;
        if (maxAttempts < 1 || attemptInterval.isNegative()) {
            throw new IllegalArgumentException("warmline.callbacks.max-attempts must be at least 1 and "
                    + "attempt-interval not negative");
        }
    }
}
