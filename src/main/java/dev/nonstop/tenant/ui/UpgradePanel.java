package dev.nonstop.tenant.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import dev.nonstop.common.UserError;
import dev.nonstop.tenant.UpgradeRequest;
import dev.nonstop.tenant.UpgradeService;
import dev.nonstop.tenant.UpgradeState;
import dev.nonstop.uikit.Messages;
import java.util.Optional;

/** The state of the tenant's upgrade request; owners of a free tenant ask for the paid tier here. */
public class UpgradePanel extends VerticalLayout {

    final Paragraph state = new Paragraph();
    final TextArea note = new TextArea();
    final Button request = new Button();
    private final UpgradeService upgrades;

    public UpgradePanel(UpgradeService upgrades, boolean owner, boolean free) {
        this.upgrades = upgrades;
        setPadding(false);
        state.setId("upgrade-state");
        note.setLabel(getTranslation("field.note"));
        note.setMaxLength(UpgradeService.MAX_NOTE);
        note.setId("upgrade-note");
        note.setWidth("32em");
        request.setText(getTranslation("upgrade.request"));
        request.setId("upgrade-request");
        request.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        request.addClickListener(e -> send());
        add(state);
        if (owner && free) {
            add(note, request);
        }
        show(upgrades.latest(), free);
    }

    private void send() {
        try {
            UpgradeRequest sent = upgrades.request(note.getValue());
            note.clear();
            Messages.success(getTranslation("upgrade.sent"));
            show(Optional.of(sent), true);
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
    }

    private void show(Optional<UpgradeRequest> latest, boolean free) {
        if (latest.isEmpty()) {
            state.setText(getTranslation(free ? "upgrade.state.none" : "upgrade.state.paid"));
            return;
        }
        UpgradeRequest r = latest.get();
        state.setText(switch (r.state()) {
            case PENDING -> getTranslation("upgrade.state.pending", r.requestedBy());
            case APPROVED -> getTranslation("upgrade.state.approved", String.valueOf(r.decidedBy()));
            case DENIED -> getTranslation("upgrade.state.denied", r.reason() != null && r.reason().startsWith("upgrade.")
                    ? getTranslation(r.reason()) : String.valueOf(r.reason()));
        });
        request.setEnabled(r.state() != UpgradeState.PENDING && free);
    }
}
