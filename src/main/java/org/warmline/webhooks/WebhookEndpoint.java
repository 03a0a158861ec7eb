package org.warmline.webhooks;

import java.time.Instant;
import java.util.Set;

/**
 * A registered endpoint as the pages show it (its secret is never shown again after registration or renewal).
 *
 * @param failingSince        when a delivery to it was last given up, unless one was delivered since (null: fine)
 * @param consecutiveFailures failed tries since the last delivered one
 */
public record WebhookEndpoint(long id, String url, String description, Set<WebhookEvent> events, boolean enabled,
                              Instant createdAt, String createdBy, Instant failingSince, int consecutiveFailures,
                              Instant lastSuccessAt) {

    public boolean failing() {
        return failingSince != null;
    }

    public boolean receives(WebhookEvent event) {
        return events.contains(event);
    }
}
