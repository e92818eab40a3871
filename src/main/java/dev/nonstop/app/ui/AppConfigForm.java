package dev.nonstop.app.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.nonstop.app.AppConfig;
import dev.nonstop.app.AppConfigService;
import dev.nonstop.common.ReplicaSize;
import dev.nonstop.common.ServingRules;
import dev.nonstop.common.UserError;
import dev.nonstop.uikit.Messages;
import java.util.List;

/**
 * An app's configuration: replica size, autoscaling, the port it listens on and its health path, and its
 * environment, a row per variable ({@link EnvEditor}); secret values are never shown: stored ones are
 * kept unless a new value is typed. Saving rolls the app out without downtime.
 */
public class AppConfigForm extends VerticalLayout {

    final Select<ReplicaSize> size = new Select<>();
    final Checkbox autoscaling = new Checkbox();
    final IntegerField autoscaleMax = new IntegerField();
    final IntegerField port = new IntegerField();
    final TextField healthPath = new TextField();
    final EnvEditor env = new EnvEditor();
    final Button save = new Button();
    private final AppConfigService configs;
    private final long appId;

    public AppConfigForm(AppConfigService configs, long appId) {
        this.configs = configs;
        this.appId = appId;
        setPadding(false);
        size.setLabel(getTranslation("app.config.size-label"));
        size.setItems(ReplicaSize.values());
        size.setId("app-config-size");
        autoscaling.setLabel(getTranslation("app.config.autoscaling"));
        autoscaling.setId("app-config-autoscaling");
        autoscaleMax.setLabel(getTranslation("app.config.autoscale-max-label"));
        autoscaleMax.setId("app-config-autoscale-max");
        port.setLabel(getTranslation("app.config.port-label"));
        port.setId("app-config-port");
        port.setMin(1);
        port.setMax(65535);
        healthPath.setLabel(getTranslation("app.config.health-label"));
        healthPath.setHelperText(getTranslation("app.config.health-help"));
        healthPath.setId("app-config-health");
        healthPath.setMaxLength(ServingRules.MAX_HEALTH_PATH);
        env.setId("app-config-env");
        save.setText(getTranslation("app.config.save"));
        save.setId("app-config-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());

        HorizontalLayout scaling = new HorizontalLayout(size, autoscaling, autoscaleMax);
        scaling.setAlignItems(Alignment.BASELINE);
        scaling.setWrap(true);
        HorizontalLayout serving = new HorizontalLayout(port, healthPath);
        serving.setAlignItems(Alignment.BASELINE);
        serving.setWrap(true);
        add(scaling, serving, new com.vaadin.flow.component.html.H4(getTranslation("app.config.env")), env, save);
        load();
    }

    void load() {
        AppConfig config = configs.config(appId);
        size.setValue(config.size());
        autoscaling.setValue(config.autoscaling());
        autoscaleMax.setValue(config.autoscaling() ? config.autoscaleMax() : null);
        port.setValue(config.port());
        healthPath.setValue(config.healthPath() == null ? "" : config.healthPath());
        env.show(config.env(), config.secretNames());
    }

    void save() {
        try {
            configs.configure(appId, new AppConfig(size.getValue(), autoscaling.getValue(),
                    autoscaleMax.getValue() == null ? 0 : autoscaleMax.getValue(), env.plain(), env.secrets(),
                    List.of(), port.getValue(), healthPath.getValue()));
            Messages.success(getTranslation("app.config.saved"));
            load();
        } catch (UserError refused) {
            Messages.error(this, refused);
        } finally {
            // secret values leave the browser's fields whatever happened
            env.clearSecretValues();
        }
    }
}
