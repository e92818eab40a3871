package dev.nonstop.app.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.nonstop.app.AppConfig;
import dev.nonstop.app.AppConfigService;
import dev.nonstop.common.ReplicaSize;
import dev.nonstop.common.ServingRules;
import dev.nonstop.common.UserError;
import dev.nonstop.uikit.Messages;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An app's configuration: replica size, autoscaling, the port it listens on and its health path,
 * variables ({@code NAME=value} per line) and
 * secrets — whose values are never shown: existing ones are listed by name and kept; a line
 * {@code NAME=value} sets one, {@code -NAME} removes one. Saving rolls the app out without downtime.
 */
public class AppConfigForm extends VerticalLayout {

    final Select<ReplicaSize> size = new Select<>();
    final Checkbox autoscaling = new Checkbox();
    final IntegerField autoscaleMax = new IntegerField();
    final IntegerField port = new IntegerField();
    final TextField healthPath = new TextField();
    final TextArea env = new TextArea();
    final TextArea secrets = new TextArea();
    final Paragraph secretNames = new Paragraph();
    final Button save = new Button();
    final Button restart = new Button();
    private final AppConfigService configs;
    private final long appId;
    private List<String> existingSecrets = List.of();

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
        env.setLabel(getTranslation("app.config.env"));
        env.setHelperText("NAME=value");
        env.setId("app-config-env");
        env.setWidth("32em");
        secrets.setLabel(getTranslation("app.config.secrets"));
        secrets.setHelperText(getTranslation("app.config.secrets-help"));
        secrets.setId("app-config-secrets");
        secrets.setWidth("32em");
        secretNames.setId("app-config-secret-names");
        save.setText(getTranslation("app.config.save"));
        save.setId("app-config-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        restart.setText(getTranslation("app.config.restart"));
        restart.setId("app-restart");
        restart.addClickListener(e -> {
            configs.restart(appId);
            Messages.success(getTranslation("app.config.restarting"));
        });
        HorizontalLayout scaling = new HorizontalLayout(size, autoscaling, autoscaleMax);
        scaling.setAlignItems(Alignment.BASELINE);
        HorizontalLayout serving = new HorizontalLayout(port, healthPath);
        serving.setAlignItems(Alignment.BASELINE);
        add(scaling, serving, env, secretNames, secrets, new HorizontalLayout(save, restart));
        load();
    }

    void load() {
        AppConfig config = configs.config(appId);
        size.setValue(config.size());
        autoscaling.setValue(config.autoscaling());
        autoscaleMax.setValue(config.autoscaling() ? config.autoscaleMax() : null);
        port.setValue(config.port());
        healthPath.setValue(config.healthPath() == null ? "" : config.healthPath());
        StringBuilder text = new StringBuilder();
        config.env().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        env.setValue(text.toString());
        existingSecrets = config.secretNames();
        secretNames.setText(existingSecrets.isEmpty() ? getTranslation("app.config.no-secrets")
                : getTranslation("app.config.secret-names", String.join(", ", existingSecrets)));
        secrets.clear();
    }

    void save() {
        try {
            Map<String, String> plain = new LinkedHashMap<>();
            for (String line : env.getValue().split("\\R")) {
                if (!line.isBlank()) {
                    int eq = line.indexOf('=');
                    if (eq <= 0) {
                        throw new UserError("app.config.line", line.strip());
                    }
                    plain.put(line.substring(0, eq).strip(), line.substring(eq + 1));
                }
            }
            Map<String, String> secretValues = new HashMap<>();
            existingSecrets.forEach(name -> secretValues.put(name, null));
            for (String line : secrets.getValue().split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.strip().startsWith("-")) {
                    secretValues.remove(line.strip().substring(1).strip());
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw new UserError("app.config.line", line.strip().replaceAll("=.*", "=…"));
                }
                secretValues.put(line.substring(0, eq).strip(), line.substring(eq + 1));
            }
            configs.configure(appId, new AppConfig(size.getValue(), autoscaling.getValue(),
                    autoscaleMax.getValue() == null ? 0 : autoscaleMax.getValue(), plain, secretValues, List.of(),
                    port.getValue(), healthPath.getValue()));
            Messages.success(getTranslation("app.config.saved"));
            load();
        } catch (UserError refused) {
            Messages.error(this, refused);
        } finally {
            // secret values leave the browser's field whatever happened
            secrets.clear();
        }
    }
}
