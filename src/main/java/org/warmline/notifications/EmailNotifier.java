package org.warmline.notifications;

import java.util.List;
import java.util.Objects;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * E-mail through Spring Boot's mail starter ({@code spring.mail.host}, {@code spring.mail.port},
 * {@code spring.mail.username}, …), to each recipient's own address (set on {@code /notifications}); on when
 * {@code warmline.notifications.email.from} is set.
 */
@Component
class EmailNotifier implements Notifier {

    static final String CHANNEL = "email";

    private final NotificationSettings.Email settings;
    private final JavaMailSender mail;

    EmailNotifier(NotificationSettings settings, ObjectProvider<JavaMailSender> mail) {
        this.settings = settings.email();
        this.mail = mail.getIfAvailable();
        if (this.settings.configured() && this.mail == null) {
            throw new IllegalStateException("warmline.notifications.email.from is set but no mail server is: set "
                    + "spring.mail.host (and spring.mail.port, spring.mail.username, spring.mail.password)");
        }
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public boolean configured() {
        return settings.configured();
    }

    @Override
    public List<String> addresses(List<Contact> recipients) {
        return recipients.stream().map(Contact::email).filter(Objects::nonNull).filter(e -> !e.isBlank()).distinct()
                .toList();
    }

    @Override
    public void deliver(OutgoingMessage message) {
        SimpleMailMessage mailMessage = new SimpleMailMessage();
        mailMessage.setFrom(settings.from());
        mailMessage.setTo(message.recipient());
        mailMessage.setSubject(message.subject());
        mailMessage.setText(message.body());
        mail.send(mailMessage);
    }
}
