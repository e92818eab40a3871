package dev.nonstop.tenant.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.nonstop.common.UserError;
import dev.nonstop.security.AccountService;
import dev.nonstop.security.Caller;
import dev.nonstop.security.Member;
import dev.nonstop.tenant.Invitation;
import dev.nonstop.tenant.InvitationService;
import dev.nonstop.tenant.TenantInfo;
import dev.nonstop.tenant.TenantService;
import dev.nonstop.tenant.UpgradeService;
import dev.nonstop.tier.TierCode;
import dev.nonstop.tier.ui.TierLimitsPanel;
import dev.nonstop.uikit.Messages;
import dev.nonstop.uikit.PhoneList;
import jakarta.annotation.security.PermitAll;

/**
 * The tenant's settings: name, tier and its limits, live quota usage, the upgrade request, members;
 * owners invite members, ask for the paid tier and may delete the tenant here.
 */
@Route("settings")
@PermitAll
public class SettingsView extends VerticalLayout implements HasDynamicTitle {

    final EmailField inviteEmail = new EmailField();
    final Button invite = new Button();
    final TextField inviteLink = new TextField();

    final Button deleteTenant = new Button();

    SettingsView(TenantService tenants, AccountService accounts, InvitationService invitations, UpgradeService upgrades,
                 Caller caller, AuthenticationContext authentication) {
        TenantInfo tenant = tenants.current();
        boolean owner = caller.require().isOwner();
        H2 title = new H2(tenant.name());
        title.setId("tenant-name");
        Paragraph slug = new Paragraph(getTranslation("settings.slug", tenant.slug().value()));
        Paragraph tier = new Paragraph(getTranslation("settings.tier",
                getTranslation("tier.name." + tenant.tier().code())));
        tier.setId("tenant-tier");
        add(title, slug, tier, new TierLimitsPanel(tenant.tier().limits()));
        add(new H2(getTranslation("usage.title")), new QuotaUsagePanel(tenants, tenant.id()));
        add(new H2(getTranslation("upgrade.title")),
                new UpgradePanel(upgrades, owner, tenant.tier().code() == TierCode.FREE));

        Grid<Member> members = new Grid<>();
        members.setId("members");
        PhoneList.column(members, Member::displayName).setHeader(getTranslation("field.display-name"));
        PhoneList.column(members, m -> m.email().value()).setHeader(getTranslation("field.email"));
        PhoneList.column(members, m -> getTranslation("role." + m.role().name())).setHeader(getTranslation("settings.role"));
        members.setItems(accounts.members(tenant.id()));
        members.setAllRowsVisible(true);
        add(new H2(getTranslation("settings.members")), members);

        if (owner) {
            inviteEmail.setLabel(getTranslation("settings.invite.email"));
            inviteEmail.setId("invite-email");
            invite.setText(getTranslation("settings.invite"));
            invite.setId("invite");
            invite.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            inviteLink.setLabel(getTranslation("settings.invite.link"));
            inviteLink.setReadOnly(true);
            inviteLink.setWidthFull();
            inviteLink.setVisible(false);
            inviteLink.setId("invite-link");
            invite.addClickListener(e -> {
                try {
                    Invitation invitation = invitations.invite(inviteEmail.getValue());
                    inviteLink.setValue(absolute(invitation.path()));
                    inviteLink.setHelperText(getTranslation("settings.invite.link.help",
                            invitation.email().value()));
                    inviteLink.setVisible(true);
                    inviteEmail.clear();
                } catch (UserError refused) {
                    Messages.error(this, refused);
                }
            });
            HorizontalLayout row = new HorizontalLayout(inviteEmail, invite);
            row.setAlignItems(Alignment.BASELINE);
            add(row, inviteLink);

            deleteTenant.setText(getTranslation("tenant.delete.button"));
            deleteTenant.setId("delete-tenant");
            deleteTenant.addThemeVariants(ButtonVariant.LUMO_ERROR);
            deleteTenant.addClickListener(e -> new DeleteTenantDialog(tenants, tenant.id(), tenant.name(),
                    deleted -> authentication.logout()).open());
            Div danger = new Div(new H2(getTranslation("tenant.delete.zone")),
                    new Paragraph(getTranslation("tenant.delete.explain")), deleteTenant);
            danger.addClassNames("nonstop-danger");
            danger.setWidthFull();
            add(danger);
        }
    }

    /** The link as the owner can pass it on: the address they use to reach the portal, plus the path. */
    private static String absolute(String path) {
        var request = com.vaadin.flow.server.VaadinServletRequest.getCurrent();
        if (request == null) {
            return "/" + path;
        }
        var http = request.getHttpServletRequest();
        String origin = http.getScheme() + "://" + http.getServerName()
                + (http.getServerPort() == 80 || http.getServerPort() == 443 ? "" : ":" + http.getServerPort());
        return origin + http.getContextPath() + "/" + path;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.settings") + " · Nonstop";
    }
}
