package org.warmline.organization;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.warmline.ledger.LedgerProblem;
import org.warmline.ledger.Staff;
import org.warmline.ledger.Unit;

/**
 * The organisation checks of an import (组织机构导入校验): the units and staff a ledger workbook brings, together with
 * those already stored. The ledger reader has checked the workbook on its own (known parents, no cycle, unique codes
 * within the file); this adds what only the stored organisation can tell: a cycle through stored units, a second
 * HQ_SERVICE unit, a staff code that is a unit's code and a unit code that is a staff member's code. Every import of
 * units and staff ({@code /admin/import}, the ledger import of the assessment office) goes through it, so the same
 * workbook is refused the same way everywhere.
 */
@Component
public class OrganizationChecks {

    private final OrganizationStore store;
    private final MessageSource messages;

    OrganizationChecks(OrganizationStore store, MessageSource messages) {
        this.store = store;
        this.messages = messages;
    }

    /**
     * The problems of importing {@code units} and {@code staff} over the stored organisation, as
     * {@code FILE[units]:0:COLUMN} / {@code FILE[staff]:0:COLUMN} (row 0: the problem is of the table as a whole), in
     * the locale's language; empty when the import may go ahead. Call it in the transaction that saves, just before
     * saving, so that a refusal leaves nothing written (two imports at once are not serialised against each other).
     *
     * @param file the workbook's name as the problems name it
     */
    public List<LedgerProblem> againstStored(String file, List<Unit> units, List<Staff> staff, Locale locale) {
        List<LedgerProblem> problems = new ArrayList<>();
        Map<String, Unit> after = OrganizationRules.merged(store.units(), units);
        String unitsTable = file + "[units]";
        for (String code : OrganizationRules.cycles(after)) {
            problems.add(new LedgerProblem(unitsTable, 0, "parent",
                    messages.getMessage("import.cycle", new Object[] {code}, locale)));
        }
        List<String> hqs = OrganizationRules.headquarters(after);
        if (hqs.size() > 1) {
            problems.add(new LedgerProblem(unitsTable, 0, "kind",
                    messages.getMessage("import.secondHq", new Object[] {String.join(", ", hqs)}, locale)));
        }
        for (Staff person : staff) {
            if (after.containsKey(person.code())) {
                problems.add(new LedgerProblem(file + "[staff]", 0, "code",
                        messages.getMessage("import.codeIsUnit", new Object[] {person.code()}, locale)));
            }
        }
        Set<String> staffCodes = store.staff().stream().map(Staff::code).collect(Collectors.toSet());
        for (Unit unit : units) {
            if (staffCodes.contains(unit.code())) {
                problems.add(new LedgerProblem(unitsTable, 0, "code",
                        messages.getMessage("import.codeIsStaff", new Object[] {unit.code()}, locale)));
            }
        }
        return problems;
    }
}
