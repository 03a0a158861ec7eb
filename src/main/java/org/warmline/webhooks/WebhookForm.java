package org.warmline.webhooks;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The registration (and change) form of an endpoint: its URL, a description, the event types ticked. */
public class WebhookForm {

    private String url;
    private String description;
    private List<String> events = new ArrayList<>();

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<String> getEvents() {
        return events;
    }

    public void setEvents(List<String> events) {
        this.events = events == null ? new ArrayList<>() : events;
    }

    /**
     * The events ticked.
     *
     * @throws WebhookRefused naming an event type that does not exist
     */
    Set<WebhookEvent> chosen() {
        Set<WebhookEvent> chosen = EnumSet.noneOf(WebhookEvent.class);
        for (String type : events) {
            chosen.add(WebhookEvent.ofType(type)
                    .orElseThrow(() -> new WebhookRefused("events", "webhook.refused.unknownEvent", type)));
        }
        return chosen;
    }
}
