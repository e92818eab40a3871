package dev.nonstop.app.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** One environment variable of an app; a secret one holds its value sealed, and it is never shown again. */
@Entity
@Table(name = "app_env")
@IdClass(AppEnvEntity.Key.class)
public class AppEnvEntity {

    public record Key(long appId, String name) implements Serializable {
        public Key() {
            this(0, "");
        }
    }

    @Id
    private long appId;
    @Id
    private String name = "";
    private String valueText = "";
    private boolean secret;

    protected AppEnvEntity() {
    }

    public AppEnvEntity(long appId, String name, String valueText, boolean secret) {
        this.appId = appId;
        this.name = name;
        this.valueText = valueText;
        this.secret = secret;
    }

    public String name() {
        return name;
    }

    /** The plain value, or the sealed one for a secret. */
    public String valueText() {
        return valueText;
    }

    public boolean secret() {
        return secret;
    }
}
