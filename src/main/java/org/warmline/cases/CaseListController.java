package org.warmline.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.warmline.security.Account;

/**
 * {@code /cases}: the cases the viewer may see, filtered on the server (state, unit with its subtree, handler, phone,
 * text in number, name, address, demand, solution and notes, submission dates), 20 a page, sorted by the nearest
 * running deadline; and the same list as an Excel workbook.
 */
@Controller
class CaseListController {

    static final String VIEW_LIST = "cases/list";
    static final int PAGE_SIZE = 20;

    private final DeskSupport support;
    private final CaseExport export;

    CaseListController(DeskSupport support, CaseExport export) {
        this.support = support;
        this.export = export;
    }

    @GetMapping("/cases")
    String list(@ModelAttribute("filter") CaseFilter filter, Model model) {
        Account me = support.me();
        DeskSupport.Org org = support.org();
        Instant now = Instant.now();
        CaseQuery query = query(filter);
        int page = filter.pageNumber();
        long offset = (long) (page - 1) * PAGE_SIZE;
        CasePage result = support.search(me, query.page(PAGE_SIZE, (int) Math.min(offset, 1_000_000)));
        long pages = Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        model.addAttribute("rows", support.rows(result.cases(), me, org, now));
        model.addAttribute("total", result.totalCapped() ? result.total() + "+" : String.valueOf(result.total()));
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        model.addAttribute("states", CaseState.values());
        model.addAttribute("units", List.copyOf(org.units().values()));
        model.addAttribute("staff", List.copyOf(org.staff().values()));
        return VIEW_LIST;
    }

    /**
     * The list as filtered, every page of it, as an Excel workbook ({@link CaseExport}): for everyone who may see the
     * cases, as many as they may see.
     */
    @GetMapping("/cases/export.xlsx")
    void export(@ModelAttribute("filter") CaseFilter filter, java.util.Locale locale,
                jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        Account me = support.me();
        export.write(me, query(filter), locale, response);
    }

    /** The query of the list's filters (the page aside). */
    private CaseQuery query(CaseFilter filter) {
        CaseQuery query = CaseQuery.all();
        CaseState state = Arrays.stream(CaseState.values()).filter(s -> s.name().equals(filter.getState()))
                .findFirst().orElse(null);
        if (state != null) {
            query = query.withStates(Set.of(state));
        }
        if (filter.getUnit() != null) {
            query = query.withUnits(Set.of(filter.getUnit())); // CaseAccess.scoped takes the unit's subtree
        }
        query = query.withHandler(filter.getHandler()).withPhone(filter.getPhone()).withText(filter.getText());
        Instant from = day(filter.getFrom(), 0);
        Instant to = day(filter.getTo(), 1);
        return query.submitted(from, to);
    }

    /** The start of the day (plus {@code plusDays}) in the desk's zone, or null for none or an unreadable date. */
    private Instant day(String date, int plusDays) {
        if (date == null) {
            return null;
        }
        try {
            return LocalDate.parse(date).plusDays(plusDays).atStartOfDay(support.format().zone()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
