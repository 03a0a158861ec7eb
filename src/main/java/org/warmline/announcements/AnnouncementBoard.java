package org.warmline.announcements;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the dashboard shows of the announcements (its card, {@code templates/announcements/parts.html :: dashboard},
 * asked for as {@code @announcementBoard.current()}): the active announcements with how many calls each has had
 * answered, and those calls per hour as an ECharts chart ({@code static/js/announcements.js}) over data embedded as
 * JSON. Announcements are public; every viewer sees them all.
 */
@Component("announcementBoard")
public class AnnouncementBoard {

    /** The hours the chart covers at most, up to now. */
    static final int HOURS = 48;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MM-dd HH:00");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The dashboard's card: the active announcements, their calls, and the chart's data. */
    public record Board(List<Announcement> active, Map<Long, Long> calls, String chart, Instant now) {
    }

    private final Announcements announcements;

    AnnouncementBoard(Announcements announcements) {
        this.announcements = announcements;
    }

    /** The card as of now. */
    public Board current() {
        Instant now = Instant.now();
        List<Announcement> active = announcements.active();
        return new Board(active, announcements.callCounts(active), chart(active, now), now);
    }

    /**
     * The calls answered from each announcement per hour, from the hour it began (or was posted, if earlier) — at most
     * {@link #HOURS} hours back — to the hour of {@code now}, as {@code {"hours":[…],"series":[{"name","calls":[…]}]}},
     * safe inside a script element (no {@code <}, {@code >} or {@code &}).
     */
    String chart(List<Announcement> shown, Instant now) {
        Instant end = now.truncatedTo(ChronoUnit.HOURS);
        Instant from = end.minus(Duration.ofHours(HOURS - 1));
        Instant first = shown.stream().map(a -> a.startedAt().isBefore(a.postedAt()) ? a.startedAt() : a.postedAt())
                .min(Instant::compareTo).orElse(end).truncatedTo(ChronoUnit.HOURS);
        if (first.isAfter(from)) {
            from = first.isAfter(end) ? end : first;
        }
        List<String> hours = new ArrayList<>();
        for (Instant h = from; !h.isAfter(end); h = h.plus(Duration.ofHours(1))) {
            hours.add(HOUR.format(ZonedDateTime.ofInstant(h, announcements.zone())));
        }
        Map<Long, List<Instant>> times = announcements.callTimes(shown, from);
        List<Map<String, Object>> series = new ArrayList<>();
        for (Announcement a : shown) {
            long[] counts = new long[hours.size()];
            for (Instant t : times.getOrDefault(a.id(), List.of())) {
                long index = Duration.between(from, t.truncatedTo(ChronoUnit.HOURS)).toHours();
                if (index >= 0 && index < counts.length) {
                    counts[(int) index]++;
                }
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", "#" + a.id() + " " + (a.cause().length() > 16 ? a.cause().substring(0, 16) + "…"
                    : a.cause()));
            one.put("calls", counts);
            series.add(one);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("hours", hours);
        data.put("series", series);
        return JSON.writeValueAsString(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }
}
