package org.warmline.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.warmline.persistence.Databases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No server-side request forgery through webhooks: which addresses are internal (a table of the usual tricks), which
 * endpoint URLs are refused at registration and why (the message key and its arguments, shown in the user's
 * language), the HTTP client's own name resolution refusing a name with an internal address, and the setting that
 * allows internal addresses explicitly; and the signature of the Standard Webhooks specification's own example.
 */
class AddressPolicyTest {

    @Test
    void internalAddressesAreRecognisedInEveryForm() throws Exception {
        for (String internal : List.of("127.0.0.1", "127.8.9.10", "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255",
                "172.16.0.1", "172.31.255.254", "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.254",
                "192.0.0.8", "192.0.2.1", "198.18.0.1", "198.51.100.7", "203.0.113.9", "224.0.0.1", "239.1.2.3",
                "240.0.0.1", "255.255.255.255", "::", "::1", "fe80::1", "fec0::1", "fc00::1", "fd12:3456::1",
                "ff02::1", "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::127.0.0.1", "64:ff9b::a9fe:a9fe",
                "2002:7f00:1::", "2002:c0a8:101::", "2001:db8::1", "100::1")) {
            assertThat(AddressPolicy.internal(InetAddress.getByName(internal))).as(internal).isTrue();
        }
        for (String external : List.of("93.184.215.14", "8.8.8.8", "1.1.1.1", "114.114.114.114", "172.32.0.1",
                "172.15.255.255", "100.128.0.1", "100.63.255.255", "192.169.0.1", "169.253.1.1", "223.5.5.5",
                "2400:3200::1", "2606:4700:4700::1111", "64:ff9b::808:808", "2002:808:808::")) {
            assertThat(AddressPolicy.internal(InetAddress.getByName(external))).as(external).isFalse();
        }
    }

    @Test
    void endpointsOnInternalAddressesAndOtherBadUrlsAreRefusedAtRegistration() {
        DataSource db = Databases.h2();
        WebhookEndpoints strict = new WebhookEndpoints(JdbcClient.create(db), settings(false));
        Set<WebhookEvent> events = Set.of(WebhookEvent.CASE_COMPLETED);
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/",
                "http://169.254.169.254/latest/meta-data/", "http://[::1]:9000/", "http://[fd00::1]/",
                "http://0.0.0.0/", "http://2130706433/", "http://[::ffff:127.0.0.1]/",
                "http://100.64.0.1/", "https://192.168.0.10/12345")) {
            assertThatThrownBy(() -> strict.register(url, null, events, "admin", java.time.Instant.now()))
                    .as(url).isInstanceOfSatisfying(WebhookRefused.class, e -> {
                        assertThat(e.key()).isEqualTo("webhook.refused.internal");
                        assertThat(e.field()).isEqualTo("url");
                    });
        }
        // a hexadecimal address is no address for Java's resolver: refused either way, never connected to
        assertThatThrownBy(() -> strict.register("http://0x7f000001/", null, events, "admin", java.time.Instant.now()))
                .isInstanceOfSatisfying(WebhookRefused.class, e -> assertThat(e.key())
                        .isIn("webhook.refused.internal", "webhook.refused.unresolved"));
        refused(strict, "", events, "webhook.refused.urlRequired");
        refused(strict, "ftp://93.184.215.14/x", events, "webhook.refused.urlInvalid");
        refused(strict, "javascript:alert(1)", events, "webhook.refused.urlInvalid");
        refused(strict, "93.184.215.14/hook", events, "webhook.refused.urlInvalid");
        refused(strict, "https://user:secret@93.184.215.14/hook", events, "webhook.refused.urlUserInfo");
        refused(strict, "https://93.184.215.14/hook#part", events, "webhook.refused.urlFragment");
        refused(strict, "https://93.184.215.14/" + "x".repeat(500), events, "webhook.refused.urlTooLong");
        refused(strict, "https://no-such-host.invalid/hook", events, "webhook.refused.unresolved");
        refused(strict, "https://93.184.215.14/hook", Set.of(), "webhook.refused.noEvent");
        assertThat(strict.all()).isEmpty(); // nothing stored

        // a public address is taken; the URL as written, checked
        WebhookEndpoints.Registered ok = strict.register(" https://93.184.215.14/12345/feedback?key=a ", "12345",
                events, "admin", java.time.Instant.parse("2026-03-02T02:00:00Z"));
        assertThat(ok.endpoint().url()).isEqualTo("https://93.184.215.14/12345/feedback?key=a");
        assertThat(ok.endpoint().enabled()).isTrue();
        assertThat(strict.all()).hasSize(1);

        // allowed explicitly by the setting
        WebhookEndpoints allowing = new WebhookEndpoints(JdbcClient.create(db), settings(true));
        assertThat(allowing.allowsInternalAddresses()).isTrue();
        assertThat(allowing.register("http://127.0.0.1:8080/hook", null, events, "admin", java.time.Instant.now())
                .endpoint().url()).isEqualTo("http://127.0.0.1:8080/hook");
    }

    @Test
    void theClientsOwnNameResolutionRefusesANameWithAnInternalAddress() throws Exception {
        assertThatThrownBy(() -> new AddressPolicy(false).dns().lookup("localhost"))
                .isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("resolves to the internal address");
        assertThat(new AddressPolicy(true).dns().lookup("localhost")).isNotEmpty()
                .allMatch(AddressPolicy::internal);
    }

    @Test
    void theSignatureIsTheStandardWebhooksOne() {
        // the example of the Standard Webhooks specification (standardwebhooks.com)
        assertThat(WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        String secret = WebhookSignature.newSecret();
        assertThat(secret).startsWith("whsec_").isNotEqualTo(WebhookSignature.newSecret());
        assertThat(WebhookSignature.key(secret)).hasSize(32);
        assertThat(WebhookSignature.newMessageId()).startsWith("msg_").hasSize(4 + 27);
    }

    private static void refused(WebhookEndpoints endpoints, String url, Set<WebhookEvent> events, String key) {
        assertThatThrownBy(() -> endpoints.register(url, null, events, "admin", java.time.Instant.now()))
                .as(url).isInstanceOfSatisfying(WebhookRefused.class, e -> assertThat(e.key()).isEqualTo(key));
    }

    private static WebhookSettings settings(boolean allowInternal) {
        return WebhookFixture.settings(allowInternal);
    }
}
