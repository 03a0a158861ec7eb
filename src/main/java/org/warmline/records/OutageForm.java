package org.warmline.records;

import java.time.LocalDateTime;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The form to record a channel outage (渠道故障): the channel, its owning unit (empty: the HQ service unit) and when it
 * started; and, later, when backup answering started (备用渠道启用).
 */
class OutageForm {

    @NotBlank(message = "{records.channel.required}")
    @Size(max = 200, message = "{records.channel.size}")
    private String channel;

    private String unit;

    @NotNull(message = "{records.startedAt.required}")
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
    private LocalDateTime startedAt;

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel == null ? null : channel.strip();
    }

    public String getUnit() {
        return unit;
    }

    public void setUnit(String unit) {
        this.unit = unit == null || unit.isBlank() ? null : unit.trim();
    }

    public LocalDateTime getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(LocalDateTime startedAt) {
        this.startedAt = startedAt;
    }

    /** When backup answering of an outage started. */
    static class Backup {

        @NotNull(message = "{records.backupStartedAt.required}")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
        private LocalDateTime backupStartedAt;

        public LocalDateTime getBackupStartedAt() {
            return backupStartedAt;
        }

        public void setBackupStartedAt(LocalDateTime backupStartedAt) {
            this.backupStartedAt = backupStartedAt;
        }
    }
}
