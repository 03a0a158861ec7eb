package org.warmline.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.warmline.ledger.Instants;
import org.warmline.scheme.Scheme;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Instants in JSON request bodies ({@code submittedAt}, {@code occurredAt}, …) and query parameters, read as the desk
 * reads them ({@link Instants#parseWithin}): ISO-8601 text only — a number such as {@code 0} or {@code 1e300} is
 * refused, not taken as seconds since 1970 — in the desk's range, from 2000-01-01 to a day after now. Refused values
 * are 400 problems naming the field ({@link ApiExceptionHandler}).
 */
@Configuration(proxyBeanMethods = false)
public class ApiInstants {

    @Bean
    JsonMapperBuilderCustomizer instantsAsText(Scheme scheme) {
        SimpleModule module = new SimpleModule("warmline-instants");
        module.addDeserializer(Instant.class, new Reader(ZoneId.of(scheme.zone())));
        return builder -> builder.addModule(module);
    }

    /** A query parameter's instant, or null when blank. @throws InvalidInput naming the parameter */
    public static Instant parameter(String name, String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instants.parseWithin(text, zone, Instant.now());
        } catch (DateTimeException e) {
            throw InvalidInput.instant(name);
        }
    }

    private static final class Reader extends ValueDeserializer<Instant> {

        private final ZoneId zone;

        Reader(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            String text = parser.getString();
            try {
                return Instants.parseWithin(text, zone, Instant.now());
            } catch (DateTimeException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text, "%s", e.getMessage());
            }
        }

        @Override
        public Class<?> handledType() {
            return Instant.class;
        }
    }
}
