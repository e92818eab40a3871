package dev.nonstop.build;

/** What to paste into GitHub's webhook settings: the payload path on this portal, and the secret. */
public record WebhookInfo(String path, String secret) {
}
