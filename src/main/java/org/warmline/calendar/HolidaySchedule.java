package org.warmline.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One year of the State Council's holiday schedule (节假日安排): the dates that differ from the Monday–Friday week, each
 * either a day off (法定节假日) or a weekend date worked instead (调休上班). The format is the shipped holiday-cn JSON:
 * {@code {"year": 2026, "papers": [...], "days": [{"name": "春节", "date": "2026-02-15", "isOffDay": true}]}}.
 *
 * @param year the calendar year
 * @param days the listed dates and whether each is a day off ({@code true}) or a working day ({@code false})
 */
public record HolidaySchedule(int year, Map<LocalDate, Boolean> days) {

    public HolidaySchedule {
        days = Map.copyOf(days);
    }

    /**
     * Reads a schedule in the holiday-cn JSON format.
     *
     * @throws IllegalArgumentException with a message naming the problem when the text is not such a schedule
     */
    public static HolidaySchedule parse(InputStream json, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + ": not a JSON holiday schedule: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("year").isNumber() || !root.path("days").isArray()) {
            throw new IllegalArgumentException(source + ": a holiday schedule needs a numeric \"year\" and a \"days\" array");
        }
        int year = root.path("year").asInt();
        Map<LocalDate, Boolean> days = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode day : root.path("days")) {
            index++;
            String date = day.path("date").asString("");
            JsonNode off = day.path("isOffDay");
            if (!off.isBoolean()) {
                throw new IllegalArgumentException(source + ": days[" + index + "]: \"isOffDay\" must be true or false");
            }
            LocalDate parsed;
            try {
                parsed = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(source + ": days[" + index + "]: \"" + date + "\" is not a date (YYYY-MM-DD)");
            }
            if (parsed.getYear() != year) {
                throw new IllegalArgumentException(source + ": days[" + index + "]: " + date + " is not in " + year);
            }
            days.put(parsed, off.asBoolean());
        }
        return new HolidaySchedule(year, days);
    }

    /** The schedules shipped inside the application (2024–2026). */
    public static Map<Integer, HolidaySchedule> shipped() {
        Map<Integer, HolidaySchedule> result = new LinkedHashMap<>();
        for (int year = 2024; year <= 2026; year++) {
            String name = year + ".json";
            try (InputStream in = HolidaySchedule.class.getResourceAsStream(name)) {
                Objects.requireNonNull(in, "missing shipped holiday schedule " + name);
                result.put(year, parse(in, name));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read shipped holiday schedule " + name, e);
            }
        }
        return result;
    }
}
