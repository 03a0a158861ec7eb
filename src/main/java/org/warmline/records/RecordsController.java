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
        model.addAttribute("outageCount", records.outages().stream()
                .filter(o -> viewer.scope() == null || viewer.seesUnit(o.unit())).count());
        model.addAttribute("taskCount", records.tasks().stream().filter(t -> viewer.seesUnit(t.unit())).count());
        model.addAttribute("adjustmentCount",
                records.adjustments().stream().filter(a -> viewer.seesSubject(a.subject())).count());
        return VIEW_INDEX;
    }
}
