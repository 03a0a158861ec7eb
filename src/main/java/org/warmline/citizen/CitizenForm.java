package org.warmline.citizen;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.warmline.cases.OneLine;
import org.warmline.cases.PhoneNumber;
import org.warmline.cases.PlainText;
import org.warmline.ledger.Category;
import org.warmline.ledger.Channel;
import org.warmline.ledger.Topic;

/**
 * The public submission form of {@code /public/new}: what a citizen types on a phone. The idempotency key is made when
 * the form is shown, so that sending the same form twice files one case.
 */
class CitizenForm {

    @NotNull(message = "{citizen.channel.required}")
    private Channel channel = Channel.WECHAT;

    @NotNull(message = "{citizen.category.required}")
    private Category category = Category.COMPLAINT;

    @NotNull(message = "{citizen.topic.required}")
    private Topic topic;

    @Size(max = 100, message = "{citizen.name.size}")
    @OneLine
    private String citizenName;

    @NotBlank(message = "{citizen.phone.required}")
    @Size(max = 40, message = "{citizen.phone.size}")
    @PhoneNumber(message = "{citizen.phone.pattern}")
    private String citizenPhone;

    @NotBlank(message = "{citizen.address.required}")
    @Size(max = 500, message = "{citizen.address.size}")
    @OneLine
    private String address;

    @NotBlank(message = "{citizen.demand.required}")
    @Size(max = 4000, message = "{citizen.demand.size}")
    @PlainText
    private String demand;

    @NotBlank(message = "{citizen.form.stale}")
    @Pattern(regexp = "[0-9a-f-]{36}", message = "{citizen.form.stale}")
    private String idempotencyKey;

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public Channel getChannel() { return channel; }
    public void setChannel(Channel channel) { this.channel = channel; }
    public Category getCategory() { return category; }
    public void setCategory(Category category) { this.category = category; }
    public Topic getTopic() { return topic; }
    public void setTopic(Topic topic) { this.topic = topic; }
    public String getCitizenName() { return citizenName; }
    public void setCitizenName(String citizenName) { this.citizenName = trim(citizenName); }
    public String getCitizenPhone() { return citizenPhone; }
    public void setCitizenPhone(String citizenPhone) { this.citizenPhone = trim(citizenPhone); }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = trim(address); }
    public String getDemand() { return demand; }
    public void setDemand(String demand) { this.demand = trim(demand); }
    public String getIdempotencyKey() { return idempotencyKey; }
    public void setIdempotencyKey(String idempotencyKey) { this.idempotencyKey = trim(idempotencyKey); }
}
