package dev.nonstop.app.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An app's environment, a row per variable: name, value, whether it is secret, remove. A secret's
 * value is never shown: a stored one reads "kept" and is replaced only when something is typed.
 */
public class EnvEditor extends VerticalLayout {

    /** One variable as the editor holds it. */
    final class Row extends HorizontalLayout {
        final TextField name = new TextField();
        final TextField value = new TextField();
        final PasswordField secretValue = new PasswordField();
        final Checkbox secret = new Checkbox();
        final Button remove = new Button(VaadinIcon.CLOSE_SMALL.create());
        final boolean stored;

        Row(String initialName, @Nullable String initialValue, boolean isSecret, boolean stored) {
            this.stored = stored;
            int index = rows.size();
            name.setPlaceholder(getTranslation("app.config.env.name"));
            name.setValue(initialName);
            name.setId("env-name-" + index);
            name.setReadOnly(stored && isSecret);
            name.setWidth("14em");
            value.setPlaceholder(getTranslation("app.config.env.value"));
            value.setValue(initialValue == null ? "" : initialValue);
            value.setId("env-value-" + index);
            value.setWidth("18em");
            secretValue.setPlaceholder(getTranslation(stored ? "app.config.env.kept" : "app.config.env.value"));
            secretValue.setId("env-secret-" + index);
            secretValue.setWidth("18em");
            secret.setLabel(getTranslation("app.config.env.secret"));
            secret.setValue(isSecret);
            secret.setId("env-is-secret-" + index);
            secret.setReadOnly(stored && isSecret);
            secret.addValueChangeListener(e -> show());
            remove.setId("env-remove-" + index);
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel(getTranslation("app.config.env.remove"));
            remove.addClickListener(e -> {
                rows.remove(this);
                list.remove(this);
            });
            setAlignItems(Alignment.BASELINE);
            setWrap(true);
            add(name, value, secretValue, secret, remove);
            show();
        }

        private void show() {
            value.setVisible(!secret.getValue());
            secretValue.setVisible(secret.getValue());
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final VerticalLayout list = new VerticalLayout();
    final Button add = new Button();

    public EnvEditor() {
        setPadding(false);
        list.setPadding(false);
        list.setSpacing(false);
        list.setId("env-rows");
        add.setText(getTranslation("app.config.env.add"));
        add.setIcon(VaadinIcon.PLUS.create());
        add.setId("env-add");
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add.addClickListener(e -> addRow("", "", false, false));
        add(new Paragraph(getTranslation("app.config.env.help")), list, add);
    }

    /** Shows the stored variables (plain values) and the names of the stored secrets. */
    public void show(Map<String, String> plain, List<String> secrets) {
        rows.clear();
        list.removeAll();
        plain.forEach((k, v) -> addRow(k, v, false, true));
        secrets.forEach(k -> addRow(k, null, true, true));
    }

    Row addRow(String name, @Nullable String value, boolean secret, boolean stored) {
        Row row = new Row(name, value, secret, stored);
        rows.add(row);
        list.add(row);
        return row;
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The plain variables, by name (rows without a name are skipped). */
    public Map<String, String> plain() {
        Map<String, String> plain = new LinkedHashMap<>();
        rows.stream().filter(r -> !r.secret.getValue() && !r.name.getValue().isBlank())
                .forEach(r -> plain.put(r.name.getValue().strip(), r.value.getValue()));
        return plain;
    }

    /** The secrets, by name: a typed value replaces, null keeps a stored one. */
    public Map<String, @Nullable String> secrets() {
        Map<String, @Nullable String> secrets = new LinkedHashMap<>();
        rows.stream().filter(r -> r.secret.getValue() && !r.name.getValue().isBlank()).forEach(r -> secrets.put(
                r.name.getValue().strip(), r.secretValue.isEmpty() && r.stored ? null : r.secretValue.getValue()));
        return secrets;
    }

    /** Secret values leave the browser's fields whatever happened. */
    public void clearSecretValues() {
        rows.forEach(r -> r.secretValue.clear());
    }
}
