package org.warmline.reporting;

import java.io.Writer;
import java.util.Locale;

import org.warmline.assessment.AssessmentResult;

/** Placeholder until the report lands. */
public final class HtmlReport {
    public static void write(AssessmentResult result, Writer out, Locale locale) {
        throw new UnsupportedOperationException();
    }
}
