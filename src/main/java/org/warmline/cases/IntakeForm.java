package org.warmline.cases;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;

/**
 * The intake form of {@code /cases/new}: a hotline or walk-in case as the agent types it. Times are the values of
 * {@code datetime-local} inputs in the desk's zone, checked by the controller.
 */
class IntakeForm {

    @NotNull(message = "{intake.channel.required}")
    private Channel channel = Channel.HOTLINE;

    @NotNull(message = "{intake.category.required}")
    private Category category;

    private boolean complex;

    /** A topic of the list by code; the rule is {@link TopicChoice}'s, checked by the controller. */
    @Size(max = 40)
    private String topic;

    /** With OTHER: what the topic is. */
    @Size(max = TopicChoice.TEXT_MAX, message = "{topic.refused.TEXT_INVALID}")
    @OneLine
    private String topicOther;

    @Size(max = 100, message = "{intake.name.size}")
    @OneLine
    private String citizenName;

    @NotBlank(message = "{intake.phone.required}")
    @Size(max = 40, message = "{intake.phone.size}")
    @PhoneNumber(message = "{intake.phone.pattern}")
    private String citizenPhone;

    @Size(max = 500, message = "{intake.address.size}")
    @OneLine
    private String address;

    @Size(max = 64, message = "{intake.station.size}")
    private String station;

    @NotBlank(message = "{intake.demand.required}")
    @Size(max = 4000, message = "{intake.demand.size}")
    @PlainText
    private String demand;

    @Size(max = 40)
    private String occurredAt;

    @Size(max = 40)
    private String submittedAt;

    @Size(max = 64)
    private String unit;

    @Size(max = 64)
    private String handler;

    /** The earlier case this one repeats, ticked under the repeat warning; null for none. */
    @Size(max = 64)
    private String repeatOf;

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public Channel getChannel() { return channel; }
    public void setChannel(Channel channel) { this.channel = channel; }
    public Category getCategory() { return category; }
    public void setCategory(Category category) { this.category = category; }
    public boolean isComplex() { return complex; }
    public void setComplex(boolean complex) { this.complex = complex; }
    public String getTopic() { return topic; }
    public void setTopic(String topic) { this.topic = trim(topic); }
    public String getTopicOther() { return topicOther; }
    public void setTopicOther(String topicOther) { this.topicOther = trim(topicOther); }
    public String getCitizenName() { return citizenName; }
    public void setCitizenName(String citizenName) { this.citizenName = trim(citizenName); }
    public String getCitizenPhone() { return citizenPhone; }
    public void setCitizenPhone(String citizenPhone) { this.citizenPhone = trim(citizenPhone); }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = trim(address); }
    public String getStation() { return station; }
    public void setStation(String station) { this.station = trim(station); }
    public String getDemand() { return demand; }
    public void setDemand(String demand) { this.demand = trim(demand); }
    public String getOccurredAt() { return occurredAt; }
    public void setOccurredAt(String occurredAt) { this.occurredAt = trim(occurredAt); }
    public String getSubmittedAt() { return submittedAt; }
    public void setSubmittedAt(String submittedAt) { this.submittedAt = trim(submittedAt); }
    public String getUnit() { return unit; }
    public void setUnit(String unit) { this.unit = trim(unit); }
    public String getHandler() { return handler; }
    public void setHandler(String handler) { this.handler = trim(handler); }
    public String getRepeatOf() { return repeatOf; }
    public void setRepeatOf(String repeatOf) { this.repeatOf = trim(repeatOf); }
}
