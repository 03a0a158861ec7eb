package org.warmline.webhooks;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The settings of the webhook deliveries ({@code warmline.webhooks.*}).
 *
 * @param maxAttempts            tries of one delivery before it is given up (FAILED) and its endpoint marked failing
 * @param retryBase              the wait after the first failed try, doubled after each further one …
 * @param retryMax               … up to this
 * @param timeout                connect, read and whole-call timeout of one try
 * @param batch                  deliveries one round of the job takes at most
 * @param allowInternalAddresses whether endpoints may be on private, loopback, link-local or other internal addresses
 *                               (off: such an endpoint is refused at registration and at every delivery)
 */
@ConfigurationProperties("warmline.webhooks")
record WebhookSettings(Integer maxAttempts, Duration retryBase, Duration retryMax, Duration timeout, Integer batch,
                       Boolean allowInternalAddresses) {

    WebhookSettings {
        maxAttempts = maxAttempts == null ? 10 : maxAttempts;
        retryBase = retryBase == null ? Duration.ofSeconds(30) : retryBase;
        retryMax = retryMax == null ? Duration.ofHours(1) : retryMax;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        batch = batch == null ? 100 : batch;
        allowInternalAddresses = allowInternalAddresses != null && allowInternalAddresses;
        if (maxAttempts < 1 || batch < 1 || retryBase.isNegative() || retryBase.isZero()
                || retryMax.compareTo(retryBase) < 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("warmline.webhooks: max-attempts and batch must be at least 1, "
                    + "retry-base and timeout positive and retry-max at least retry-base");
        }
    }

    /** The defaults. */
    static WebhookSettings defaults() {
        return new WebhookSettings(null, null, null, null, null, null);
    }

    /** The wait before the next try after {@code failures} failed tries (1, 2, …). */
    Duration backoff(int failures) {
        Duration wait = retryBase;
        for (int i = 1; i < failures && wait.compareTo(retryMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}
