package org.warmline.notifications;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The settings of the notification channels ({@code warmline.notifications.*}); a channel is off until its essential
 * setting is given.
 *
 * @param email       e-mail through Spring Boot's mail starter ({@code spring.mail.host}, …): on when {@code from} is set
 * @param wecom       a WeCom (企业微信) group robot: on when {@code webhook-url} is set
 * @param sms         an HTTP SMS gateway: on when {@code url} is set
 * @param outbox      the delivery job: how often, how many tries, the back-off
 * @param httpTimeout connect and answer timeout of the HTTP channels
 */
@ConfigurationProperties("warmline.notifications")
record NotificationSettings(Email email, Wecom wecom, Sms sms, Outbox outbox, Duration httpTimeout) {

    NotificationSettings {
        email = email == null ? new Email(null) : email;
        wecom = wecom == null ? new Wecom(null) : wecom;
        sms = sms == null ? new Sms(null, null, null, null, null, null) : sms;
        outbox = outbox == null ? new Outbox(null, null, null, null) : outbox;
        httpTimeout = httpTimeout == null ? Duration.ofSeconds(10) : httpTimeout;
    }

    /** @param from the sender address, e.g. {@code 暖线 <warmline@example.com>} */
    record Email(String from) {

        boolean configured() {
            return from != null && !from.isBlank();
        }
    }

    /** @param webhookUrl the robot's webhook, {@code https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…} */
    record Wecom(String webhookUrl) {

        boolean configured() {
            return webhookUrl != null && !webhookUrl.isBlank();
        }
    }

    /**
     * @param url            the gateway's URL; {@code {phone}} and {@code {text}} in it are replaced (URL-encoded)
     * @param method         POST (default), PUT or GET
     * @param bodyTemplate   the request body with {@code {phone}} and {@code {text}} replaced, escaped for the
     *                       content type (JSON strings, form fields); default {@code {"phone":"{phone}","text":"{text}"}}
     * @param contentType    default {@code application/json; charset=UTF-8}
     * @param headers        extra request headers (e.g. an API key)
     * @param successPattern a regular expression the answer must contain to count as sent (besides a 2xx status),
     *                       e.g. {@code "code"\s*:\s*0}; none by default
     */
    record Sms(String url, String method, String bodyTemplate, String contentType, Map<String, String> headers,
               String successPattern) {

        Sms {
            method = method == null || method.isBlank() ? "POST" : method.trim().toUpperCase(java.util.Locale.ROOT);
            if (!method.equals("POST") && !method.equals("PUT") && !method.equals("GET")) {
                throw new IllegalArgumentException("warmline.notifications.sms.method must be POST, PUT or GET: "
                        + method);
            }
            bodyTemplate = bodyTemplate == null ? "{\"phone\":\"{phone}\",\"text\":\"{text}\"}" : bodyTemplate;
            contentType = contentType == null || contentType.isBlank() ? "application/json; charset=UTF-8"
                    : contentType;
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            successPattern = successPattern == null || successPattern.isBlank() ? null : successPattern;
        }

        boolean configured() {
            return url != null && !url.isBlank();
        }
    }

    /**
     * @param maxAttempts tries of one message before it is given up (FAILED)
     * @param retryBase   the wait after the first failure, doubled after each further one …
     * @param retryMax    … up to this
     * @param batch       messages one run delivers at most
     */
    record Outbox(Integer maxAttempts, Duration retryBase, Duration retryMax, Integer batch) {

        Outbox {
            maxAttempts = maxAttempts == null ? 10 : maxAttempts;
            retryBase = retryBase == null ? Duration.ofMinutes(1) : retryBase;
            retryMax = retryMax == null ? Duration.ofHours(1) : retryMax;
            batch = batch == null ? 100 : batch;
            if (maxAttempts < 1 || batch < 1 || retryBase.isNegative() || retryBase.isZero()
                    || retryMax.compareTo(retryBase) < 0) {
                throw new IllegalArgumentException("warmline.notifications.outbox: max-attempts and batch must be at "
                        + "least 1, retry-base positive and retry-max at least retry-base");
            }
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
}
