package dev.nonstop.tier.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.nonstop.common.ReplicaSize;
import dev.nonstop.common.UserError;
import dev.nonstop.tier.DowngradeRefused;
import dev.nonstop.tier.InvalidTierLimits;
import dev.nonstop.tier.Tier;
import dev.nonstop.tier.TierLimits;
import dev.nonstop.tier.TierService;
import dev.nonstop.uikit.Messages;
import jakarta.annotation.security.RolesAllowed;
import java.util.LinkedHashMap;
import java.util.Map;

/** Admins edit each tier's limits; every rule is checked and shown at the field it concerns. */
@Route("admin/tiers")
@RolesAllowed("ADMIN")
public class TierAdminView extends VerticalLayout implements HasDynamicTitle {

    private final TierService tiers;

    TierAdminView(TierService tiers) {
        this.tiers = tiers;
        refresh();
    }

    private void refresh() {
        removeAll();
        tiers.all().forEach(tier -> add(new TierForm(tier)));
    }

    /** The form of one tier. Package-visible so browserless tests can drive it. */
    final class TierForm extends VerticalLayout {

        final Map<String, IntegerField> numbers = new LinkedHashMap<>();
        final Select<ReplicaSize> largestSize = new Select<>();
        final Checkbox zonesPromised = new Checkbox();
        final Button save = new Button();
        private final Tier tier;

        TierForm(Tier tier) {
            this.tier = tier;
            setId("tier-" + tier.code());
            TierLimits l = tier.limits();
            FormLayout form = new FormLayout();
            number(form, "maxApps", l.maxApps());
            number(form, "minReplicas", l.minReplicas());
            number(form, "maxReplicas", l.maxReplicas());
            largestSize.setLabel(getTranslation("tier.field.largestSize"));
            largestSize.setItems(ReplicaSize.values());
            largestSize.setValue(l.largestSize());
            form.add(largestSize);
            number(form, "quotaCpuRequestsMilli", l.quotaCpuRequestsMilli());
            number(form, "quotaCpuLimitsMilli", l.quotaCpuLimitsMilli());
            number(form, "quotaMemoryRequestsMib", l.quotaMemoryRequestsMib());
            number(form, "quotaMemoryLimitsMib", l.quotaMemoryLimitsMib());
            number(form, "quotaPods", l.quotaPods());
            number(form, "quotaServices", l.quotaServices());
            number(form, "quotaPersistentVolumeClaims", l.quotaPersistentVolumeClaims());
            number(form, "quotaConfigObjects", l.quotaConfigObjects());
            number(form, "buildsPerDay", l.buildsPerDay());
            number(form, "concurrentBuilds", l.concurrentBuilds());
            number(form, "assistantMessagesPerHour", l.assistantMessagesPerHour());
            number(form, "inspectionsPerHour", l.inspectionsPerHour());
            zonesPromised.setLabel(getTranslation("tier.field.zonesPromised"));
            zonesPromised.setValue(l.zonesPromised());
            form.add(zonesPromised);
            save.setText(getTranslation("tier.save", getTranslation("tier.name." + tier.code().name())));
            save.setId("save-" + tier.code());
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.addClickListener(e -> confirmAndSave());
            add(new H2(getTranslation("tier.name." + tier.code().name())), form, save);
        }

        private void number(FormLayout form, String field, int value) {
            IntegerField input = new IntegerField(getTranslation("tier.field." + field));
            input.setValue(value);
            input.setId(tier.code() + "-" + field);
            input.setStepButtonsVisible(false);
            numbers.put(field, input);
            form.add(input);
        }

        private int value(String field) {
            Integer value = numbers.get(field).getValue();
            return value == null ? 0 : value;
        }

        /** Says how many tenants the new limits reach before saving them. */
        void confirmAndSave() {
            int affected = tiers.tenantsOn(tier.code());
            // broken rules are shown at their fields at once; only valid limits ask for confirmation
            if (affected == 0 || !limits().problems().isEmpty()) {
                save(false);
                return;
            }
            ConfirmDialog confirm = new ConfirmDialog(getTranslation("tier.confirm.title", getTranslation("tier.name." + tier.code().name())),
                    getTranslation("tier.confirm.text", affected, getTranslation("tier.name." + tier.code().name())), getTranslation("common.confirm"),
                    ok -> save(false), getTranslation("common.cancel"), cancel -> { });
            confirm.setId("tier-confirm");
            confirm.open();
        }

        /** The limits as the form holds them now. */
        TierLimits limits() {
            return new TierLimits(value("maxApps"), value("minReplicas"), value("maxReplicas"),
                    largestSize.getValue(), value("quotaCpuRequestsMilli"), value("quotaCpuLimitsMilli"),
                    value("quotaMemoryRequestsMib"), value("quotaMemoryLimitsMib"), value("quotaPods"),
                    value("buildsPerDay"), value("concurrentBuilds"), value("assistantMessagesPerHour"),
                    zonesPromised.getValue(), value("quotaServices"), value("quotaPersistentVolumeClaims"),
                    value("quotaConfigObjects"), value("inspectionsPerHour"));
        }

        void save(boolean scaleDown) {
            numbers.values().forEach(f -> f.setInvalid(false));
            TierLimits limits = limits();
            try {
                tiers.updateLimits(tier.code(), limits, tier.version(), scaleDown);
                Messages.success(getTranslation("tier.saved", getTranslation("tier.name." + tier.code().name())));
                refresh();
            } catch (DowngradeRefused refused) {
                new DowngradeDialog("tier-downgrade-dialog", getTranslation("tier.downgrade.title"), refused,
                        () -> save(true)).open();
            } catch (InvalidTierLimits invalid) {
                for (TierLimits.Problem problem : invalid.problems()) {
                    IntegerField field = numbers.get(problem.field());
                    if (field != null) {
                        field.setErrorMessage(getTranslation(problem.key(), problem.args().toArray()));
                        field.setInvalid(true);
                    }
                }
                Messages.error(this, invalid);
            } catch (UserError refused) {
                Messages.error(this, refused);
            }
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.admin.tiers") + " · Nonstop";
    }
}
