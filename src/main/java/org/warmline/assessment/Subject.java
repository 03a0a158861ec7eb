package org.warmline.assessment;

import org.warmline.scheme.SubjectKind;

/** A subject (考核对象) of one computation, a unit or a person, with its tallies: one per period computed. */
final class Subject {

    final String code;
    final String name;
    final SubjectKind kind;
    final Tally[] tallies;
    private final int counters;
    /** The tallies of the later cases, counted apart in a second thread ({@link #tally}), or null. */
    private Tally[] later;

    Subject(String code, String name, SubjectKind kind, int periods, int counters) {
        this.code = code;
        this.name = name;
        this.kind = kind;
        this.counters = counters;
        this.tallies = new Tally[periods];
        for (int i = 0; i < periods; i++) {
            tallies[i] = new Tally(counters);
        }
    }

    /** The tally of period {@code p}, or with {@code later} that of the later cases, counted apart by one thread. */
    Tally tally(int p, boolean later) {
        if (!later) {
            return tallies[p];
        }
        if (this.later == null) {
            this.later = new Tally[tallies.length];
        }
        if (this.later[p] == null) {
            this.later[p] = new Tally(counters);
        }
        return this.later[p];
    }

    /** Adds the later cases' tallies after the others, as counting every case in order in one thread would have. */
    void joinLater() {
        if (later == null) {
            return;
        }
        for (int p = 0; p < tallies.length; p++) {
            if (later[p] != null) {
                tallies[p] = Tally.joined(new Tally[] {tallies[p], later[p]}, new int[] {0, 1});
            }
        }
        later = null;
    }
}
