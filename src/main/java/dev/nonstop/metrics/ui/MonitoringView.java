package dev.nonstop.metrics.ui;

import com.vaadin.flow.router.Route;
import dev.nonstop.uikit.EmptyPage;
import jakarta.annotation.security.PermitAll;

@Route("monitoring")
@PermitAll
public class MonitoringView extends EmptyPage {

    MonitoringView() {
        super("nav.monitoring", "monitoring");
    }
}
