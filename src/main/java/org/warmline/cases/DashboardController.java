package org.warmline.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.warmline.ledger.Channel;
import org.warmline.security.Account;

/**
 * {@code /dashboard}: within the viewer's scope, the cases in progress (those that still need work: EVALUATED, closed
 * and withdrawn ones do not) by the colour of their worst running clock, the late cases by unit (an ECharts bar chart
 * over data embedded as JSON), today's intake by channel, and the cluster alerts of whatever {@link ClusterAlerts} the
 * application provides (none by default), made of the cases the viewer could open. Every figure is counted by the database, exactly, at any volume.
 */
@Controller
class DashboardController {

    static final String VIEW_DASHBOARD = "cases/dashboard";

    private final DeskSupport support;
    private final ObjectProvider<ClusterAlerts> clusterAlerts;
    private final MessageSource messages;

    DashboardController(DeskSupport support, ObjectProvider<ClusterAlerts> clusterAlerts, MessageSource messages) {
        this.support = support;
        this.clusterAlerts = clusterAlerts;
        this.messages = messages;
    }

    @GetMapping("/dashboard")
    String dashboard(Model model, Locale locale) {
        Account me = support.me();
        model.addAttribute("canLink", me.role() == org.warmline.security.Role.AGENT);
        DeskSupport.Org org = support.org();
        Instant now = Instant.now();
        CaseQuery open = support.access().scoped(me, CaseQuery.all().withStates(MyWorkController.OPEN));
        CaseRepository.ClockCounts counts = support.desk().clockCounts(open, now);
        Map<CaseClocks.Colour, Long> byColour = new EnumMap<>(CaseClocks.Colour.class);
        byColour.put(CaseClocks.Colour.GREEN, counts.green());
        byColour.put(CaseClocks.Colour.AMBER, counts.amber());
        byColour.put(CaseClocks.Colour.RED, counts.red());
        Map<String, Long> lateByUnit = new TreeMap<>();
        support.desk().countBy(open, "unit", true, now).forEach((unit, n) -> lateByUnit.merge(
                // a case not dispatched yet is late too: a bar of its own, named, not an empty label
                unit == null ? messages.getMessage("dashboard.noUnit", null, locale) : org.unitName(unit), n,
                Long::sum));
        ZoneId zone = support.format().zone();
        LocalDate today = LocalDate.now(zone);
        CaseQuery intake = support.access().scoped(me, CaseQuery.all().submitted(today.atStartOfDay(zone).toInstant(),
                today.plusDays(1).atStartOfDay(zone).toInstant()));
        Map<String, Long> counted = support.desk().countBy(intake, "channel", false, now);
        Map<Channel, Long> byChannel = new LinkedHashMap<>();
        for (Channel channel : Channel.values()) {
            byChannel.put(channel, counted.getOrDefault(channel.name(), 0L));
        }
        List<ClusterAlerts.Alert> alerts;
        try {
            alerts = clusterAlerts.getIfAvailable(() -> ClusterAlerts.NONE)
                    .alerts(now, c -> support.access().sees(me, c));
        } catch (RuntimeException e) {
            alerts = List.of();
            model.addAttribute("alertsFailed", true);
        }
        model.addAttribute("openTotal", counts.total());
        model.addAttribute("byColour", byColour);
        model.addAttribute("noClock", counts.none());
        model.addAttribute("lateByUnit", lateByUnit);
        model.addAttribute("lateJson", lateJson(lateByUnit));
        model.addAttribute("byChannel", byChannel);
        model.addAttribute("intakeTotal", counted.values().stream().mapToLong(Long::longValue).sum());
        model.addAttribute("alerts", alerts);
        return VIEW_DASHBOARD;
    }

    /** {@code {"units":[…],"late":[…]}}, safe inside a script element (no {@code <}, {@code >} or {@code &}). */
    static String lateJson(Map<String, ? extends Number> lateByUnit) {
        StringBuilder units = new StringBuilder();
        StringBuilder late = new StringBuilder();
        lateByUnit.forEach((unit, count) -> {
            if (!units.isEmpty()) {
                units.append(',');
                late.append(',');
            }
            units.append(jsonString(unit));
            late.append(count);
        });
        return "{\"units\":[" + units + "],\"late\":[" + late + "]}";
    }

    static String jsonString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\' || ch < 0x20 || ch == '<' || ch == '>' || ch == '&' || ch == '\u2028'
                    || ch == '\u2029') {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append('"').toString();
    }
}
