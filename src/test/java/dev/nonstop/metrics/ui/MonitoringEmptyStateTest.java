package dev.nonstop.metrics.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.UiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

/** A tenant without apps opens Monitoring and is told what will appear there, not shown a blank page. */
@WithUserDetails(value = Fixtures.HTML_OWNER, userDetailsServiceBeanName = UiTest.USERS)
class MonitoringEmptyStateTest extends UiTest {

    @Autowired Fixtures fixtures;

    @Test
    void a_tenant_without_apps_sees_what_will_appear_and_no_alerts() {
        fixtures.emptyTenant(Fixtures.HTML_OWNER);
        navigate(MonitoringView.class);
        String empty = $(dev.nonstop.uikit.EmptyState.class).single().getElement().getTextRecursively();
        assertThat(empty).contains("Nothing to monitor yet");
        assertThat($(MonitoringView.class).single().firing.getElement().getTextRecursively())
                .contains("Nothing is wrong right now.");
    }
}
