package org.warmline.assessment;

import org.warmline.scheme.SubjectKind;

/** A subject (考核对象) of one computation, a unit or a person, with its tallies: one per period computed. */
final class Subject {

    final String code;
    final String name;
    final SubjectKind kind;
    final Tally[] tallies;

    Subject(String code, String name, SubjectKind kind, int periods, int counters) {
        this.code = code;
        this.name = name;
        this.kind = kind;
        this.tallies = new Tally[periods];
        for (int i = 0; i < periods; i++) {
            tallies[i] = new Tally(counters);
        }
    }
}
