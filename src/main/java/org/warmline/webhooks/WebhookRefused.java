package org.warmline.webhooks;

/**
 * An endpoint that cannot be registered or changed as asked (a URL that is no http(s) URL, an internal address, no
 * event chosen, …): a message key of {@code messages*.properties} with its arguments and the form field it is about;
 * nothing is changed.
 */
class WebhookRefused extends RuntimeException {

    private final String key;
    private final String field;
    private final transient Object[] args;

    WebhookRefused(String field, String key, Object... args) {
        super(key);
        this.key = key;
        this.field = field;
        this.args = args.clone();
    }

    String key() {
        return key;
    }

    String field() {
        return field;
    }

    Object[] args() {
        return args.clone();
    }
}
