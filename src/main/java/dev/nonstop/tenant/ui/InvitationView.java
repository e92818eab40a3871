package dev.nonstop.tenant.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.nonstop.common.UserError;
import dev.nonstop.tenant.InvitationService;
import dev.nonstop.tenant.PendingInvitation;
import dev.nonstop.uikit.LanguageSwitch;
import dev.nonstop.uikit.Messages;

/** Where an invitation link leads: the invitee picks a name and password and joins the tenant. */
@Route(value = "invite/:token", autoLayout = false)
@AnonymousAllowed
public class InvitationView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final InvitationService invitations;
    final TextField displayName = new TextField();
    final PasswordField password = new PasswordField();
    final Button join = new Button();

    InvitationView(InvitationService invitations) {
        this.invitations = invitations;
        setAlignItems(Alignment.CENTER);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String token = event.getRouteParameters().get("token").orElse("");
        removeAll();
        add(new LanguageSwitch());
        try {
            PendingInvitation pending = invitations.pending(token);
            displayName.setLabel(getTranslation("field.display-name"));
            displayName.setId("invite-display-name");
            password.setLabel(getTranslation("field.password"));
            password.setId("invite-password");
            join.setText(getTranslation("invitation.join"));
            join.setId("invite-join");
            join.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            join.addClickListener(e -> {
                try {
                    invitations.accept(token, displayName.getValue(), password.getValue());
                    getUI().ifPresent(ui -> ui.navigate("login",
                            QueryParameters.of("created", pending.email().value())));
                } catch (UserError refused) {
                    Messages.error(this, refused);
                }
            });
            add(new H1(getTranslation("invitation.title", pending.tenantName())),
                    new Paragraph(getTranslation("invitation.for", pending.email().value())),
                    new FormLayout(displayName, password), join);
        } catch (UserError refused) {
            Paragraph problem = new Paragraph(Messages.of(this, refused));
            problem.setId("invite-problem");
            add(new H1(getTranslation("invitation.title.unknown")), problem);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("invitation.title.unknown") + " · Nonstop";
    }
}
