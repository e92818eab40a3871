package dev.nonstop.tier.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.textfield.IntegerField;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.UiTest;
import dev.nonstop.tier.TierCode;
import dev.nonstop.tier.TierService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

@WithUserDetails(value = Fixtures.ADMIN, userDetailsServiceBeanName = UiTest.USERS)
class TierAdminViewTest extends UiTest {

    @Autowired TierService tiers;

    @Test
    void the_form_marks_each_broken_rule_at_its_field_and_saves_nothing() {
        int before = tiers.byCode(TierCode.FREE).limits().minReplicas();
        navigate(TierAdminView.class);
        test($(IntegerField.class).id("FREE-minReplicas")).setValue(1);
        test($(IntegerField.class).id("FREE-quotaPods")).setValue(3);
        test($(Button.class).id("save-FREE")).click();

        IntegerField min = $(IntegerField.class).id("FREE-minReplicas");
        assertThat(min.isInvalid()).isTrue();
        assertThat(min.getErrorMessage()).isEqualTo("Must be at least 2: fewer replicas are not redundant.");
        assertThat(tiers.byCode(TierCode.FREE).limits().minReplicas()).isEqualTo(before);
    }

    @Test
    void a_quota_that_cannot_hold_the_surge_says_by_how_much() {
        navigate(TierAdminView.class);
        test($(IntegerField.class).id("FREE-quotaPods")).setValue(6);
        test($(Button.class).id("save-FREE")).click();
        IntegerField pods = $(IntegerField.class).id("FREE-quotaPods");
        assertThat(pods.isInvalid()).isTrue();
        assertThat(pods.getErrorMessage()).startsWith("Falls short by 2: needs 8");
    }

    @Test
    void saving_says_how_many_tenants_get_the_new_limits_first() {
        var before = tiers.byCode(TierCode.FREE);
        navigate(TierAdminView.class);
        test($(IntegerField.class).id("FREE-buildsPerDay")).setValue(before.limits().buildsPerDay() + 1);
        test($(Button.class).id("save-FREE")).click();
        ConfirmDialog confirm = $(ConfirmDialog.class).id("tier-confirm");
        assertThat(test(confirm).getText()).contains(tiers.tenantsOn(TierCode.FREE) + " tenants are on the Free plan");
        assertThat(tiers.byCode(TierCode.FREE).version()).isEqualTo(before.version());
        test(confirm).confirm();
        var saved = tiers.byCode(TierCode.FREE);
        assertThat(saved.limits().buildsPerDay()).isEqualTo(before.limits().buildsPerDay() + 1);
        tiers.updateLimits(TierCode.FREE, before.limits(), saved.version());
    }
}
