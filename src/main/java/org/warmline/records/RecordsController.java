package org.warmline.records;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /records}: the manual assessment records (考核记录), one card per kind with how many are kept. */
@Controller
class RecordsController {

    static final String VIEW_INDEX = "records/index";

    private final RecordsAccess access;
    private final ManualRecords records;

    RecordsController(RecordsAccess access, ManualRecords records) {
        this.access = access;
        this.records = records;
    }

    @GetMapping("/records")
    String index(Model model) {
        RecordsAccess.Viewer viewer = access.viewer();
        model.addAttribute("viewer", viewer);
        model.addAttribute("regulationCount",
                records.regulations().stream().filter(r -> viewer.seesUnit(r.unit())).count());
        model.addAttribute("trainingCount",
                records.trainings().stream().filter(t -> viewer.seesUnit(t.unit())).count());
        String hq = viewer.units().values().stream()
                .filter(u -> u.kind() == org.warmline.ledger.UnitKind.HQ_SERVICE).map(org.warmline.ledger.Unit::code)
                .findFirst().orElse(null);
        model.addAttribute("outageCount", records.outages().stream()
                .filter(o -> viewer.seesUnit(o.unit() == null ? hq : o.unit())).count());
        model.addAttribute("taskCount", records.tasks().stream().filter(t -> viewer.seesUnit(t.unit())).count());
        model.addAttribute("adjustmentCount",
                records.adjustments().stream().filter(a -> viewer.seesSubject(a.subject())).count());
        return VIEW_INDEX;
    }
}
