package org.warmline.announcements;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.warmline.cases.OneLine;
import org.warmline.cases.PhoneNumber;
import org.warmline.cases.PlainText;
import org.warmline.cases.TopicChoice;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;

/**
 * A call answered from an announcement ({@code POST /announcements/{id}/answer}): the fields of the intake page under
 * the same names (the page's "按公告答复" button sends its form here), with the same rules. What the agent left empty
 * of category, topic and demand is filled as the button says: a consultation (咨询) about the outage (停热), "asks why
 * there is no heat and when it comes back". The intake's unit and handler are not used: the case goes to the
 * announcement's unit.
 */
class AnswerForm {

    private Channel channel = Channel.HOTLINE;
    private Category category;
    @Size(max = 40)
    private String topic;
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
    @Size(max = 4000, message = "{intake.demand.size}")
    @PlainText
    private String demand;
    @Size(max = 40)
    private String occurredAt;
    @Size(max = 40)
    private String submittedAt;
    @Size(max = 64)
    private String repeatOf;

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public Channel getChannel() { return channel; }
    public void setChannel(Channel channel) { this.channel = channel; }
    public Category getCategory() { return category; }
    public void setCategory(Category category) { this.category = category; }
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
    public String getDemand() { return demand; }
    public void setDemand(String demand) { this.demand = trim(demand); }
    public String getOccurredAt() { return occurredAt; }
    public void setOccurredAt(String occurredAt) { this.occurredAt = trim(occurredAt); }
    public String getSubmittedAt() { return submittedAt; }
    public void setSubmittedAt(String submittedAt) { this.submittedAt = trim(submittedAt); }
    public String getRepeatOf() { return repeatOf; }
    public void setRepeatOf(String repeatOf) { this.repeatOf = trim(repeatOf); }
}
