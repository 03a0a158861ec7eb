package org.warmline.cases;

/** The database identity of a case (not its case number). */
public record CaseId(long value) {

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
