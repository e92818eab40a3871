package dev.nonstop.build.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.springframework.data.domain.Persistable;

/**
 * A GitHub delivery already handled: a replay of it is ignored. Always inserted (never merged), so a
 * second copy of a delivery fails on the primary key, even when two arrive at once.
 */
@Entity
@Table(name = "webhook_deliveries")
public class WebhookDeliveryEntity implements Persistable<String> {

    @Id
    private String deliveryId = "";
    private long sourceId;
    private Instant receivedAt = Instant.EPOCH;

    protected WebhookDeliveryEntity() {
    }

    public WebhookDeliveryEntity(String deliveryId, long sourceId, Instant receivedAt) {
        this.deliveryId = deliveryId;
        this.sourceId = sourceId;
        this.receivedAt = receivedAt;
    }

    @Override
    public String getId() {
        return deliveryId;
    }

    @Override
    public boolean isNew() {
        return true;
    }
}
