package dev.nonstop.shell.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.nonstop.app.ui.AppsView;
import dev.nonstop.app.ui.ZoneDrillView;
import dev.nonstop.assistant.ui.AssistantView;
import dev.nonstop.audit.ui.AuditView;
import dev.nonstop.build.ui.BuildsView;
import dev.nonstop.metrics.ui.MonitoringView;
import dev.nonstop.kube.ClusterService;
import dev.nonstop.kube.ClusterStatus;
import dev.nonstop.sandbox.ui.SandboxAdminView;
import dev.nonstop.security.Caller;
import dev.nonstop.security.CurrentUser;
import dev.nonstop.security.ui.SignUpAdminView;
import dev.nonstop.tenant.TenantService;
import dev.nonstop.tenant.ui.SettingsView;
import dev.nonstop.tenant.ui.TenantAdminView;
import dev.nonstop.tenant.ui.UpgradeAdminView;
import dev.nonstop.tier.ui.TierAdminView;
import dev.nonstop.uikit.LanguageSwitch;
import jakarta.annotation.security.PermitAll;

/** The frame around every signed-in page: navigation, the tenant and user, the language switch. */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    MainLayout(Caller caller, TenantService tenants, ClusterService clusters, AuthenticationContext authentication) {
        CurrentUser user = caller.require();
        var tenant = tenants.current();

        Span brand = new Span("Nonstop");
        brand.addClassNames("nonstop-brand");
        Span who = new Span(user.displayName() + " · " + tenant.name() + " (" + getTranslation("tier.name." + tenant.tier().code()) + ")");
        who.setId("current-tenant");
        who.addClassNames("nonstop-who");
        Button logout = new Button(VaadinIcon.SIGN_OUT.create(), e -> authentication.logout());
        // the label gives way to the icon on a phone, so sign-out always fits in the header
        Span logoutLabel = new Span(getTranslation("nav.logout"));
        logoutLabel.addClassNames("nonstop-logout-label");
        logout.getElement().appendChild(logoutLabel.getElement());
        logout.setAriaLabel(getTranslation("nav.logout"));
        logout.setTooltipText(getTranslation("nav.logout"));
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.setId("logout");

        HorizontalLayout bar = new HorizontalLayout(new DrawerToggle(), brand, who, new LanguageSwitch(), logout);
        bar.setWidthFull();
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.expand(who);
        bar.addClassNames("nonstop-bar");

        ClusterStatus cluster = clusters.status();
        Div clusterBanner = new Div(getTranslation(!cluster.reachable() ? "cluster.unreachable"
                : cluster.sandbox() ? "cluster.sandbox" : "cluster.real", cluster.description()));
        clusterBanner.setId("cluster-banner");
        clusterBanner.addClassNames("nonstop-banner");
        addToNavbar(true, bar);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem(getTranslation("nav.apps"), AppsView.class, VaadinIcon.CUBES.create()));
        nav.addItem(new SideNavItem(getTranslation("nav.builds"), BuildsView.class, VaadinIcon.HAMMER.create()));
        nav.addItem(new SideNavItem(getTranslation("nav.monitoring"), MonitoringView.class,
                VaadinIcon.CHART.create()));
        nav.addItem(new SideNavItem(getTranslation("nav.assistant"), AssistantView.class,
                VaadinIcon.COMMENTS.create()));
        nav.addItem(new SideNavItem(getTranslation("nav.settings"), SettingsView.class, VaadinIcon.COG.create()));
        if (user.admin()) {
            SideNavItem admin = new SideNavItem(getTranslation("nav.admin"));
            admin.setPrefixComponent(VaadinIcon.SHIELD.create());
            admin.addItem(new SideNavItem(getTranslation("nav.admin.tenants"), TenantAdminView.class));
            admin.addItem(new SideNavItem(getTranslation("nav.admin.upgrades"), UpgradeAdminView.class));
            admin.addItem(new SideNavItem(getTranslation("nav.admin.signups"), SignUpAdminView.class));
            admin.addItem(new SideNavItem(getTranslation("nav.admin.tiers"), TierAdminView.class));
            admin.addItem(new SideNavItem(getTranslation("nav.admin.audit"), AuditView.class));
            admin.addItem(new SideNavItem(getTranslation("nav.admin.zone-drills"), ZoneDrillView.class));
            if (cluster.sandbox()) {
                admin.addItem(new SideNavItem(getTranslation("nav.admin.sandbox"), SandboxAdminView.class));
            }
            admin.setExpanded(true);
            nav.addItem(admin);
        }
        nav.setId("main-nav");
        addToDrawer(clusterBanner, nav);
    }
}
