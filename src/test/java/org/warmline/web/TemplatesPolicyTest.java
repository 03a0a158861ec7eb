package org.warmline.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages keep to their Content-Security-Policy (org.warmline.web.SecurityHeaders) by construction: no template
 * has inline script code, a {@code <style>} element, a {@code style} attribute (plain or {@code th:style}), an
 * {@code on…=} handler or a {@code javascript:} link. JavaScript lives in {@code static/js}, styles in
 * {@code static/css/warmline.css}; a {@code <script type="application/json">} data block is not code and is allowed.
 */
class TemplatesPolicyTest {

    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("<style\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\s(th:)?style\\s*=", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\s(th:)?on[a-z]+\\s*=", Pattern.CASE_INSENSITIVE),
            Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE));

    @Test
    void noTemplateHasInlineScriptOrStyle() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                String html = Files.readString(file, StandardCharsets.UTF_8);
                Matcher script = SCRIPT.matcher(html);
                while (script.find()) {
                    String attributes = script.group(1);
                    if (!attributes.contains("src=") && !attributes.contains("application/json")) {
                        found.add(file + ": inline <script" + attributes + ">");
                    }
                }
                for (Pattern pattern : FORBIDDEN) {
                    Matcher m = pattern.matcher(html);
                    while (m.find()) {
                        found.add(file + ": " + m.group());
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
