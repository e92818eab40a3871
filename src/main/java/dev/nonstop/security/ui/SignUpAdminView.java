package dev.nonstop.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.nonstop.common.UserError;
import dev.nonstop.security.PendingSignUp;
import dev.nonstop.security.SignUpInvitation;
import dev.nonstop.security.SignUpMode;
import dev.nonstop.security.SignUpService;
import dev.nonstop.uikit.Messages;
import dev.nonstop.uikit.PhoneList;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Who may create a company here: the sign-up mode, the sign-ups waiting for approval (approve or turn
 * down), and one-time sign-up links for invitation-only mode (a link is shown once).
 */
@Route("admin/signups")
@RolesAllowed("ADMIN")
public class SignUpAdminView extends VerticalLayout implements HasDynamicTitle {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);
    private final SignUpService signUps;
    final RadioButtonGroup<SignUpMode> mode = new RadioButtonGroup<>();
    final Grid<PendingSignUp> pending = new Grid<>();
    final Grid<SignUpInvitation> invitations = new Grid<>();
    final TextField note = new TextField();
    final TextField link = new TextField();
    private final Paragraph noPending = new Paragraph();

    SignUpAdminView(SignUpService signUps) {
        this.signUps = signUps;
        mode.setId("signup-mode");
        mode.setLabel(getTranslation("signup.admin.mode"));
        mode.setItems(SignUpMode.values());
        mode.setItemLabelGenerator(m -> getTranslation("signup.mode." + m.name()));
        mode.setValue(signUps.mode());
        mode.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                try {
                    signUps.setMode(e.getValue());
                    Messages.success(getTranslation("signup.admin.mode-saved", getTranslation("signup.mode."
                            + e.getValue().name())));
                } catch (UserError refused) {
                    Messages.error(this, refused);
                    mode.setValue(e.getOldValue());
                }
            }
        });

        pending.setId("signup-pending");
        PhoneList.column(pending, p -> p.email().value()).setHeader(getTranslation("field.email")).setAutoWidth(true);
        PhoneList.column(pending, PendingSignUp::companyName).setHeader(getTranslation("field.company-name"));
        PhoneList.column(pending, p -> p.slug().value()).setHeader(getTranslation("field.slug"));
        PhoneList.column(pending, PendingSignUp::clientAddress).setHeader(getTranslation("signup.admin.address"));
        PhoneList.column(pending, p -> AT.format(p.requestedAt())).setHeader(getTranslation("signup.admin.asked-at"));
        PhoneList.componentColumn(pending, this::actions);
        pending.setAllRowsVisible(true);
        noPending.setText(getTranslation("signup.admin.none-pending"));
        noPending.setId("signup-none-pending");

        note.setLabel(getTranslation("signup.admin.invite-note"));
        note.setId("signup-invite-note");
        note.setMaxLength(200);
        Button invite = new Button(getTranslation("signup.admin.invite"), e -> invite());
        invite.setId("signup-invite");
        link.setId("signup-invite-link");
        link.setReadOnly(true);
        link.setWidthFull();
        link.setVisible(false);
        HorizontalLayout inviteRow = new HorizontalLayout(note, invite);
        inviteRow.setAlignItems(Alignment.BASELINE);
        inviteRow.setWrap(true);
        invitations.setId("signup-invitations");
        PhoneList.column(invitations, SignUpInvitation::note).setHeader(getTranslation("field.note"));
        PhoneList.column(invitations, i -> AT.format(i.createdAt())).setHeader(getTranslation("signup.admin.made-at"));
        PhoneList.column(invitations, i -> i.usedBy() != null ? getTranslation("signup.admin.used-by", i.usedBy())
                : AT.format(i.expiresAt())).setHeader(getTranslation("signup.admin.state"));
        invitations.setAllRowsVisible(true);

        add(new H2(getTranslation("signup.admin.title")), mode,
                new H2(getTranslation("signup.admin.pending")), noPending, pending,
                new H2(getTranslation("signup.admin.links")), new Paragraph(getTranslation("signup.admin.links-help")),
                inviteRow, link, invitations);
        refresh();
    }

    private HorizontalLayout actions(PendingSignUp request) {
        Button approve = new Button(getTranslation("signup.admin.approve"), e -> approve(request));
        approve.setId("signup-approve-" + request.id());
        approve.addThemeVariants(ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_SMALL);
        Button reject = new Button(getTranslation("signup.admin.reject"), e -> reject(request));
        reject.setId("signup-reject-" + request.id());
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        return new HorizontalLayout(approve, reject);
    }

    void approve(PendingSignUp request) {
        try {
            signUps.approve(request.id());
            Messages.success(getTranslation("signup.admin.approved", request.slug().value()));
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
        refresh();
    }

    void reject(PendingSignUp request) {
        try {
            signUps.reject(request.id(), "");
            Messages.success(getTranslation("signup.admin.rejected", request.email().value()));
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
        refresh();
    }

    void invite() {
        try {
            String path = signUps.invite(note.getValue());
            link.setValue(origin() + "/" + path);
            link.setVisible(true);
            note.clear();
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
        refresh();
    }

    private static String origin() {
        var request = com.vaadin.flow.server.VaadinServletRequest.getCurrent();
        if (request == null) {
            return "";
        }
        var http = request.getHttpServletRequest();
        return http.getScheme() + "://" + http.getServerName()
                + (http.getServerPort() == 80 || http.getServerPort() == 443 ? "" : ":" + http.getServerPort());
    }

    void refresh() {
        var waiting = signUps.pending();
        pending.setItems(waiting);
        pending.setVisible(!waiting.isEmpty());
        noPending.setVisible(waiting.isEmpty());
        invitations.setItems(signUps.invitations());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("signup.admin.title") + " · Nonstop";
    }
}
