package org.warmline.notifications;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.warmline.assessment.PhoneNumbers;

/**
 * SMS through the company's HTTP gateway: the request's method, URL and body come from the settings, with
 * {@code {phone}} and {@code {text}} replaced (URL-encoded in the URL; in the body escaped as the content type needs:
 * inside JSON strings, or as form fields). A status other than 2xx, or an answer without the success pattern when one
 * is set, is a failure. Only mainland mobile numbers (11 digits from 1) are texted. On when
 * {@code warmline.notifications.sms.url} is set.
 */
@Component
class SmsNotifier implements Notifier {

    static final String CHANNEL = "sms";
    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");

    private final NotificationSettings.Sms settings;
    private final HttpChannels http;
    private final Pattern success;

    SmsNotifier(NotificationSettings settings) {
        this.settings = settings.sms();
        this.http = new HttpChannels(settings.httpTimeout());
        this.success = this.settings.successPattern() == null ? null : Pattern.compile(this.settings.successPattern());
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public boolean configured() {
        return settings.configured();
    }

    /** The mobile number a phone is texted at (normalised, without the country code), or null when it is none. */
    static String mobile(String phone) {
        String normalised = PhoneNumbers.normalize(phone);
        return normalised != null && MOBILE.matcher(normalised).matches() ? normalised : null;
    }

    @Override
    public List<String> addresses(List<Contact> recipients) {
        return recipients.stream().map(c -> mobile(c.mobile())).filter(Objects::nonNull).distinct().toList();
    }

    @Override
    public void deliver(OutgoingMessage message) throws IOException, InterruptedException {
        String url = settings.url().trim().replace("{phone}", HttpChannels.urlEncode(message.recipient()))
                .replace("{text}", HttpChannels.urlEncode(message.body()));
        String type = settings.contentType().toLowerCase(Locale.ROOT);
        String phone;
        String text;
        if (type.contains("json")) {
            phone = HttpChannels.jsonEscape(message.recipient());
            text = HttpChannels.jsonEscape(message.body());
        } else if (type.contains("x-www-form-urlencoded")) {
            phone = HttpChannels.urlEncode(message.recipient());
            text = HttpChannels.urlEncode(message.body());
        } else {
            phone = message.recipient();
            text = message.body();
        }
        String body = settings.bodyTemplate().replace("{phone}", phone).replace("{text}", text);
        String answer = http.send(settings.method(), url, settings.contentType(), settings.headers(), body);
        if (success != null && !success.matcher(answer).find()) {
            throw new IOException("the gateway did not take the message: " + HttpChannels.abbreviate(answer));
        }
    }
}
