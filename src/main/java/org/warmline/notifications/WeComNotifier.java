package org.warmline.notifications;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * A WeCom (企业微信) group robot: each notice is posted once to the group as a text message (HTTP POST of JSON to the
 * robot's webhook); the robot answers {@code {"errcode":0,…}} when it took it, anything else is a failure. On when
 * {@code warmline.notifications.wecom.webhook-url} is set.
 */
@Component
class WeComNotifier implements Notifier {

    static final String CHANNEL = "wecom";
    private static final Pattern OK = Pattern.compile("\"errcode\"\\s*:\\s*0\\s*[,}]");

    private final NotificationSettings.Wecom settings;
    private final HttpChannels http;

    WeComNotifier(NotificationSettings settings) {
        this.settings = settings.wecom();
        this.http = new HttpChannels(settings.httpTimeout());
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public boolean configured() {
        return settings.configured();
    }

    @Override
    public List<String> addresses(List<Contact> recipients) {
        return recipients.isEmpty() ? List.of() : java.util.Collections.singletonList(null);
    }

    @Override
    public void deliver(OutgoingMessage message) throws IOException, InterruptedException {
        String body = "{\"msgtype\":\"text\",\"text\":{\"content\":\"" + HttpChannels.jsonEscape(message.body())
                + "\"}}";
        String answer = http.send("POST", settings.webhookUrl().trim(), "application/json; charset=UTF-8", Map.of(),
                body);
        if (!OK.matcher(answer).find()) {
            throw new IOException("the robot did not take the message: " + HttpChannels.abbreviate(answer));
        }
    }
}
