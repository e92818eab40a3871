package dev.nonstop.build.ui;

import com.vaadin.flow.router.Route;
import dev.nonstop.uikit.EmptyPage;
import jakarta.annotation.security.PermitAll;

@Route("builds")
@PermitAll
public class BuildsView extends EmptyPage {

    BuildsView() {
        super("nav.builds", "builds");
    }
}
