package org.warmline.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures in the manner of the Standard Webhooks specification (standardwebhooks.com): the secret is
 * {@code whsec_} followed by the base64 of a random key of 32 bytes; the signature of a message is
 * {@code v1,} followed by the base64 of HMAC-SHA256 with that key over {@code <webhook-id>.<webhook-timestamp>.<body>},
 * the body exactly as sent (UTF-8). README shows how a receiver checks it.
 */
final class WebhookSignature {

    static final String PREFIX = "whsec_";
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new secret: {@code whsec_} and the base64 of 32 random bytes. */
    static String newSecret() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** A new message id (the {@code webhook-id} header): {@code msg_} and 20 random bytes, URL-safe base64. */
    static String newMessageId() {
        byte[] id = new byte[20];
        RANDOM.nextBytes(id);
        return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    /** The {@code webhook-signature} header's value for a message. */
    static String sign(String secret, String messageId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] signature = mac.doFinal((messageId + "." + timestampSeconds + "." + body)
                    .getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The signing key of a secret: the base64 after {@code whsec_}. */
    static byte[] key(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
