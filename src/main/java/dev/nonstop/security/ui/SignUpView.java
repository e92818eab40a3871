package dev.nonstop.security.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.nonstop.common.TenantSlug;
import dev.nonstop.common.UserError;
import dev.nonstop.security.AccountService;
import dev.nonstop.security.PasswordPolicy;
import dev.nonstop.security.SignUpMode;
import dev.nonstop.security.SignUpRequest;
import dev.nonstop.security.SignUpService;
import dev.nonstop.uikit.LanguageSwitch;
import dev.nonstop.uikit.Messages;
import org.jspecify.annotations.Nullable;

/** Sign-up: an account and a tenant for the company, in one step. */
@Route(value = "signup", autoLayout = false)
@AnonymousAllowed
public class SignUpView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    final EmailField email = new EmailField();
    final PasswordField password = new PasswordField();
    final TextField displayName = new TextField();
    final TextField companyName = new TextField();
    final TextField slug = new TextField();
    final Button submit = new Button();
    private final Paragraph error = new Paragraph();
    private final Paragraph intro = new Paragraph();
    private final FormLayout form;
    private final SignUpService signUps;
    private boolean slugEdited;
    private @Nullable String invitation;
    private String clientAddress = "unknown";

    SignUpView(AccountService accounts, SignUpService signUps) {
        this.signUps = signUps;
        setAlignItems(Alignment.CENTER);
        email.setLabel(getTranslation("field.email"));
        email.setId("signup-email");
        email.setMaxLength(254);
        password.setLabel(getTranslation("field.password"));
        password.setHelperText(getTranslation("signup.password.help", PasswordPolicy.MIN_LENGTH));
        password.setId("signup-password");
        password.setMaxLength(PasswordPolicy.MAX_LENGTH);
        displayName.setLabel(getTranslation("field.display-name"));
        displayName.setId("signup-display-name");
        displayName.setMaxLength(AccountService.MAX_DISPLAY_NAME);
        companyName.setLabel(getTranslation("field.company-name"));
        companyName.setId("signup-company");
        companyName.setMaxLength(AccountService.MAX_COMPANY_NAME);
        companyName.setValueChangeMode(ValueChangeMode.LAZY);
        companyName.addValueChangeListener(e -> {
            if (!slugEdited) {
                slug.setValue(accounts.suggestSlug(e.getValue()));
            }
        });
        slug.setLabel(getTranslation("field.slug"));
        slug.setHelperText(getTranslation("signup.slug.help", TenantSlug.MAX_LENGTH));
        slug.setId("signup-slug");
        slug.setMaxLength(TenantSlug.MAX_LENGTH);
        slug.addValueChangeListener(e -> slugEdited |= e.isFromClient());
        error.setId("signup-error");
        error.addClassNames("nonstop-error");
        error.setVisible(false);
        // an error about what was typed goes away as soon as the user changes anything
        java.util.stream.Stream.of(email, password, displayName, companyName, slug)
                .forEach(field -> field.addValueChangeListener(e -> {
                    if (e.isFromClient()) {
                        error.setVisible(false);
                    }
                }));

        submit.setText(getTranslation("signup.submit"));
        submit.setId("signup-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickShortcut(Key.ENTER);
        submit.addClickListener(e -> submit());

        form = new FormLayout(email, password, displayName, companyName, slug);
        form.setMaxWidth("40em");
        intro.setId("signup-intro");
        add(new LanguageSwitch(), new H1(getTranslation("signup.title")), intro, form, error, submit,
                new Anchor("login", getTranslation("signup.have-account")));
    }

    /** What the page offers depends on the platform's sign-up mode and the link it was opened with. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var request = VaadinRequest.getCurrent();
        if (request != null && request.getRemoteAddr() != null) {
            clientAddress = request.getRemoteAddr();
        }
        invitation = event.getLocation().getQueryParameters().getSingleParameter("invite").orElse(null);
        SignUpMode mode = signUps.mode();
        boolean open = mode != SignUpMode.INVITATION || signUps.invitationOpen(invitation);
        intro.setText(getTranslation(!open ? (invitation == null ? "signup.intro.invitation-only"
                : "signup.intro.invitation-invalid") : mode == SignUpMode.APPROVAL ? "signup.intro.approval"
                : "signup.intro"));
        form.setVisible(open);
        submit.setVisible(open);
    }

    void submit() {
        try {
            var outcome = signUps.submit(new SignUpRequest(email.getValue(), password.getValue(),
                    displayName.getValue(), companyName.getValue(), slug.getValue()), clientAddress, invitation);
            getUI().ifPresent(ui -> ui.navigate("login", QueryParameters.of(outcome.pending() ? "asked" : "created",
                    outcome.email().value())));
        } catch (UserError refused) {
            error.setText(Messages.of(this, refused));
            error.setVisible(true);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("signup.title") + " · Nonstop";
    }
}
