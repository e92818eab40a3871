package dev.nonstop.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H3;
import dev.nonstop.app.ZoneDrillService;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.UiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

@WithUserDetails(value = Fixtures.ADMIN, userDetailsServiceBeanName = UiTest.USERS)
class ZoneDrillViewTest extends UiTest {

    @Autowired ZoneDrillService drills;

    @Test
    void an_admin_takes_a_zone_away_and_gives_it_back_from_the_page() {
        ZoneDrillView view = navigate(ZoneDrillView.class);
        assertThat(view.zone.getListDataView().getItems()).contains("sandbox-zone-a", "sandbox-zone-b");
        view.zone.setValue("sandbox-zone-b");
        view.startDrill("sandbox-zone-b");
        var running = drills.recent().getFirst();
        try {
            assertThat(running.zone()).isEqualTo("sandbox-zone-b");
            assertThat($(H3.class).all()).anySatisfy(h -> assertThat(h.getText())
                    .startsWith("Zone sandbox-zone-b away since"));
            test($(Button.class).id("zone-drill-restore-" + running.id())).click();
        } finally {
            drills.restore(running.id());
        }
        assertThat(drills.get(running.id()).restoredAt()).isNotNull();
        assertThat($(H3.class).all()).anySatisfy(h -> assertThat(h.getText())
                .startsWith("Zone sandbox-zone-b taken away at"));
    }
}
