package dev.nonstop.security.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One platform-wide setting chosen by an admin (e.g. the sign-up mode), with who set it and when. */
@Entity
@Table(name = "platform_settings")
public class PlatformSettingEntity {

    @Id
    private String name = "";
    private String valueText = "";
    private String updatedBy = "";
    private Instant updatedAt = Instant.EPOCH;

    protected PlatformSettingEntity() {
    }

    public PlatformSettingEntity(String name, String value, String updatedBy, Instant updatedAt) {
        this.name = name;
        this.valueText = value;
        this.updatedBy = updatedBy;
        this.updatedAt = updatedAt;
    }

    public String value() {
        return valueText;
    }

    public void set(String value, String by, Instant at) {
        this.valueText = value;
        this.updatedBy = by;
        this.updatedAt = at;
    }
}
