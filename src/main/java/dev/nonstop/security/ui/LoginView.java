package dev.nonstop.security.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.nonstop.security.LoginThrottledException;
import dev.nonstop.uikit.LanguageSwitch;
import java.time.Instant;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.security.web.WebAttributes;

/**
 * Sign-in. The form posts to Spring Security; a refusal comes back as {@code ?error}, and the
 * exception Spring kept in the session tells a wrong password from a throttled account.
 */
@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm form = new LoginForm();
    private final Paragraph notice = new Paragraph();
    private LoginI18n shown = LoginI18n.createDefault();

    LoginView() {
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        show(i18n(null));
        notice.setId("login-notice");
        notice.setVisible(false);
        Anchor signUp = new Anchor("signup", getTranslation("login.no-account"));
        signUp.setId("signup-link");
        add(new LanguageSwitch(), new H1("Nonstop"), new Paragraph(getTranslation("app.tagline")), notice, form,
                signUp);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var params = event.getLocation().getQueryParameters().getParameters();
        List<String> created = params.get("created");
        if (created != null && !created.isEmpty()) {
            notice.setText(getTranslation("login.account-created", created.getFirst()));
            notice.setVisible(true);
        }
        List<String> asked = params.get("asked");
        if (asked != null && !asked.isEmpty()) {
            notice.setText(getTranslation("login.asked", asked.getFirst()));
            notice.setVisible(true);
        }
        if (params.containsKey("cross-site")) {
            notice.setText(getTranslation("login.cross-site"));
            notice.setVisible(true);
        }
        if (params.containsKey("error")) {
            show(i18n(lastFailure()));
            form.setError(true);
        }
    }

    private void show(LoginI18n i18n) {
        shown = i18n;
        form.setI18n(i18n);
    }

    /** The error message the form shows when it is in error. */
    String errorMessage() {
        return shown.getErrorMessage().getMessage();
    }

    private LoginI18n i18n(Exception failure) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle(getTranslation("login.title"));
        i18n.getForm().setUsername(getTranslation("field.email"));
        i18n.getForm().setPassword(getTranslation("field.password"));
        i18n.getForm().setSubmit(getTranslation("login.submit"));
        LoginI18n.ErrorMessage error = i18n.getErrorMessage();
        if (failure instanceof LoginThrottledException throttled) {
            error.setTitle(getTranslation("login.throttled.title"));
            error.setMessage(getTranslation("login.throttled.text", format(throttled.retryAt()),
                    Math.max(1, Duration.between(Instant.now(), throttled.retryAt()).toSeconds())));
        } else if (failure instanceof dev.nonstop.security.SignUpPendingException) {
            error.setTitle(getTranslation("login.pending.title"));
            error.setMessage(getTranslation("login.pending.text"));
        } else {
            error.setTitle(getTranslation("login.failed.title"));
            error.setMessage(getTranslation("login.failed.text"));
        }
        return i18n;
    }

    private String format(Instant when) {
        return DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC).format(when);
    }

    private static Exception lastFailure() {
        VaadinSession session = VaadinSession.getCurrent();
        WrappedSession wrapped = session == null ? null : session.getSession();
        Object failure = wrapped == null ? null : wrapped.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        return failure instanceof Exception e ? e : null;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title") + " · Nonstop";
    }
}
