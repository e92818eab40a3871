package dev.nonstop.metrics.internal;

import dev.nonstop.common.Message;

/** The source did not answer; the message says so in the user's words. */
public class MetricsUnavailable extends RuntimeException {

    private final Message why;

    public MetricsUnavailable(Message why, String detail) {
        super(detail);
        this.why = why;
    }

    public Message why() {
        return why;
    }
}
