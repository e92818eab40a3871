package dev.nonstop.build.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import dev.nonstop.build.BuildService;
import dev.nonstop.common.UserError;
import dev.nonstop.uikit.Messages;

/** The tenant's GitHub token: whether one is saved (its last four characters), and for owners, save or remove. */
public class TokenPanel extends VerticalLayout {

    final Paragraph state = new Paragraph();
    final PasswordField token = new PasswordField();
    final Button save = new Button();
    final Button remove = new Button();
    private final BuildService builds;

    public TokenPanel(BuildService builds, boolean owner) {
        this.builds = builds;
        setPadding(false);
        state.setId("token-state");
        token.setLabel(getTranslation("builds.token.field"));
        token.setId("token-value");
        token.setMaxLength(255);
        token.setRevealButtonVisible(false);
        token.setWidth("28em");
        save.setText(getTranslation("builds.token.save"));
        save.setId("token-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        remove.setText(getTranslation("builds.token.remove"));
        remove.setId("token-remove");
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        remove.addClickListener(e -> {
            builds.removeToken();
            show();
        });
        add(state);
        if (owner) {
            HorizontalLayout row = new HorizontalLayout(token, save, remove);
            row.setAlignItems(Alignment.BASELINE);
            add(row);
        }
        show();
    }

    private void save() {
        try {
            builds.saveToken(token.getValue());
            show();
        } catch (UserError refused) {
            Messages.error(this, refused);
        } finally {
            // the token leaves the browser's field either way: it is never sent back
            token.clear();
        }
    }

    private void show() {
        var hint = builds.tokenHint();
        state.setText(hint.map(h -> getTranslation("builds.token.saved", h))
                .orElse(getTranslation("builds.token.none")));
        remove.setVisible(hint.isPresent());
    }
}
