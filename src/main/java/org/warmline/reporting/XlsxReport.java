package org.warmline.reporting;

import java.io.OutputStream;
import java.util.Locale;

import org.warmline.assessment.AssessmentResult;

/** Placeholder until the report lands. */
public final class XlsxReport {
    public static void write(AssessmentResult result, OutputStream out, Locale locale) {
        throw new UnsupportedOperationException();
    }
}
