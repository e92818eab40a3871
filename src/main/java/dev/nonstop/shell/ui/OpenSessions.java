package dev.nonstop.shell.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The open UI sessions of this portal replica and the pages (UIs) open in them, on the portal's own
 * metrics ({@code nonstop.ui.sessions}, {@code nonstop.ui.pages}): what the card delivery and Push serve.
 */
@Component
class OpenSessions implements VaadinServiceInitListener {

    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger pages = new AtomicInteger();

    OpenSessions() {
        Gauge.builder("nonstop.ui.sessions", sessions, AtomicInteger::get)
                .description("Open UI sessions on this portal replica").register(Metrics.globalRegistry);
        Gauge.builder("nonstop.ui.pages", pages, AtomicInteger::get)
                .description("Open pages (UIs) on this portal replica").register(Metrics.globalRegistry);
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> sessions.incrementAndGet());
        event.getSource().addSessionDestroyListener(destroy -> sessions.decrementAndGet());
        event.getSource().addUIInitListener(init -> {
            pages.incrementAndGet();
            init.getUI().addDetachListener(detach -> pages.decrementAndGet());
        });
    }
}
