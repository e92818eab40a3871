package dev.nonstop.app.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import dev.nonstop.uikit.EmptyState;
import dev.nonstop.uikit.Messages;
import jakarta.annotation.security.PermitAll;

/** The tenant's apps. Until deployments arrive it holds the call to deploy a first app. */
@Route("apps")
@RouteAlias("")
@PermitAll
public class AppsView extends VerticalLayout implements HasDynamicTitle {

    AppsView() {
        Button deploy = new Button(getTranslation("apps.deploy-first"), VaadinIcon.ROCKET.create(),
                e -> Messages.success(getTranslation("apps.deploy-unavailable")));
        deploy.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        deploy.setId("deploy-first-app");
        add(new EmptyState(getTranslation("apps.empty.title"), getTranslation("apps.empty.text"), deploy));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.apps") + " · Nonstop";
    }
}
