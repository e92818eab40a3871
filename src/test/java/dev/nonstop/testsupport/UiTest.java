package dev.nonstop.testsupport;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;

/**
 * Browserless Vaadin tests: views run server-side in the shared Spring context, driven through
 * component testers. Sign in with {@code @WithUserDetails(value = Fixtures.OWNER, userDetailsServiceBeanName = USERS)}.
 */
@IntegrationTest
@ViewPackages(packages = "dev.nonstop")
public abstract class UiTest extends SpringBrowserlessTest {

    public static final String USERS = "nonstopUserDetailsService";

    /**
     * Runs what other threads handed to the UI with {@code UI.access} (Push updates from informer events);
     * in a browser the framework does this, here the test thread holds the session and does it itself.
     */
    protected void runPendingAccess() {
        var session = com.vaadin.flow.server.VaadinSession.getCurrent();
        session.getService().runPendingAccessTasks(session);
    }

    /** Acts as another account for one call, then restores the test's own sign-in. */
    protected <T> T as(Fixtures fixtures, String email, java.util.function.Supplier<T> call) {
        var saved = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        try {
            fixtures.signInAs(email);
            return call.get();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(saved);
        }
    }
}
