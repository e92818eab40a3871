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
}
