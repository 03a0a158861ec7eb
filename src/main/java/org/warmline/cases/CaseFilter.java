package org.warmline.cases;

/**
 * The filters of {@code /cases}, as typed: anything that cannot be read (an unknown state, a bad date, a page that is
 * not a number) is ignored rather than refused.
 */
class CaseFilter {

    private String state;
    private String unit;
    private String handler;
    private String phone;
    private String text;
    private String from;
    private String to;
    private String page;

    private static String clean(String s, int max) {
        return s == null || s.isBlank() || s.length() > max ? null : s.trim();
    }

    public String getState() { return state; }
    public void setState(String state) { this.state = clean(state, 30); }
    public String getUnit() { return unit; }
    public void setUnit(String unit) { this.unit = clean(unit, 64); }
    public String getHandler() { return handler; }
    public void setHandler(String handler) { this.handler = clean(handler, 64); }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = clean(phone, 40); }
    public String getText() { return text; }
    public void setText(String text) { this.text = clean(text, 200); }
    public String getFrom() { return from; }
    public void setFrom(String from) { this.from = clean(from, 10); }
    public String getTo() { return to; }
    public void setTo(String to) { this.to = clean(to, 10); }
    public String getPage() { return page; }
    public void setPage(String page) { this.page = clean(page, 6); }

    /** The page number, from 1. */
    int pageNumber() {
        try {
            return page == null ? 1 : Math.max(1, Integer.parseInt(page));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
