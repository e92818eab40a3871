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
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.nonstop.common.TenantSlug;
import dev.nonstop.common.UserError;
import dev.nonstop.security.AccountService;
import dev.nonstop.security.PasswordPolicy;
import dev.nonstop.security.SignUpRequest;
import dev.nonstop.uikit.LanguageSwitch;
import dev.nonstop.uikit.Messages;

/** Sign-up: an account and a tenant for the company, in one step. */
@Route(value = "signup", autoLayout = false)
@AnonymousAllowed
public class SignUpView extends VerticalLayout implements HasDynamicTitle {

    final EmailField email = new EmailField();
    final PasswordField password = new PasswordField();
    final TextField displayName = new TextField();
    final TextField companyName = new TextField();
    final TextField slug = new TextField();
    final Button submit = new Button();
    private final Paragraph error = new Paragraph();
    private boolean slugEdited;

    SignUpView(AccountService accounts) {
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

        submit.setText(getTranslation("signup.submit"));
        submit.setId("signup-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickShortcut(Key.ENTER);
        submit.addClickListener(e -> {
            try {
                var result = accounts.signUp(new SignUpRequest(email.getValue(), password.getValue(),
                        displayName.getValue(), companyName.getValue(), slug.getValue()));
                getUI().ifPresent(ui -> ui.navigate("login", QueryParameters.of("created", result.email().value())));
            } catch (UserError refused) {
                error.setText(Messages.of(this, refused));
                error.setVisible(true);
            }
        });

        FormLayout form = new FormLayout(email, password, displayName, companyName, slug);
        form.setMaxWidth("40em");
        add(new LanguageSwitch(), new H1(getTranslation("signup.title")),
                new Paragraph(getTranslation("signup.intro")), form, error, submit,
                new Anchor("login", getTranslation("signup.have-account")));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("signup.title") + " · Nonstop";
    }
}
