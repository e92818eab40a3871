package dev.nonstop.sandbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import dev.nonstop.common.UserError;
import dev.nonstop.sandbox.SandboxNode;
import dev.nonstop.sandbox.SandboxService;
import dev.nonstop.uikit.Messages;
import dev.nonstop.uikit.PhoneList;
import jakarta.annotation.security.RolesAllowed;

/** The sandbox's fault page: nodes and zones, and the faults an admin can inject to watch the portal cope. */
@Route("admin/sandbox")
@RolesAllowed("ADMIN")
public class SandboxAdminView extends VerticalLayout implements HasDynamicTitle {

    private final SandboxService sandbox;
    private final java.util.concurrent.atomic.AtomicBoolean redrawQueued = new java.util.concurrent.atomic.AtomicBoolean();
    private Runnable unsubscribe = () -> { };
    final Grid<SandboxNode> nodes = new Grid<>();
    final TextField podNamespace = new TextField();
    final TextField podName = new TextField();
    final NumberField speed = new NumberField();
    final com.vaadin.flow.component.textfield.IntegerField delay = new com.vaadin.flow.component.textfield.IntegerField();

    SandboxAdminView(SandboxService sandbox) {
        this.sandbox = sandbox;
        add(new H2(getTranslation("sandbox.title")), new Paragraph(getTranslation("sandbox.intro")));
        if (!sandbox.isRunning()) {
            add(new Paragraph(getTranslation("sandbox.not-running")));
            return;
        }
        nodes.setId("sandbox-nodes");
        PhoneList.column(nodes, SandboxNode::name).setHeader(getTranslation("sandbox.node"));
        PhoneList.column(nodes, SandboxNode::zone).setHeader(getTranslation("sandbox.zone"));
        PhoneList.componentColumn(nodes, n -> new Span(getTranslation(n.ready() ? "sandbox.ready" : "sandbox.not-ready")))
                .setHeader(getTranslation("sandbox.state"));
        PhoneList.column(nodes, SandboxNode::pods).setHeader(getTranslation("sandbox.pods"));
        PhoneList.componentColumn(nodes, this::actions);
        nodes.setAllRowsVisible(true);

        podNamespace.setLabel(getTranslation("sandbox.pod.namespace"));
        podName.setLabel(getTranslation("sandbox.pod.name"));
        Button kill = new Button(getTranslation("sandbox.pod.kill"), e -> act(() ->
                sandbox.killPod(podNamespace.getValue().strip(), podName.getValue().strip())));
        kill.addThemeVariants(ButtonVariant.LUMO_ERROR);
        HorizontalLayout killRow = new HorizontalLayout(podNamespace, podName, kill);
        killRow.setAlignItems(Alignment.BASELINE);

        speed.setLabel(getTranslation("sandbox.speed"));
        speed.setValue(sandbox.speed());
        speed.setMin(0.1);
        speed.setMax(100);
        Button setSpeed = new Button(getTranslation("sandbox.speed.set"), e -> act(() ->
                sandbox.setSpeed(speed.getValue() == null ? 0 : speed.getValue())));
        HorizontalLayout speedRow = new HorizontalLayout(speed, setSpeed);
        speedRow.setAlignItems(Alignment.BASELINE);

        delay.setLabel(getTranslation("sandbox.delay"));
        delay.setValue(0);
        delay.setMin(0);
        delay.setMax(10_000);
        Button setDelay = new Button(getTranslation("sandbox.delay.set"), e -> act(() ->
                sandbox.slowApi(delay.getValue() == null ? -1 : delay.getValue())));
        HorizontalLayout delayRow = new HorizontalLayout(delay, setDelay);
        delayRow.setAlignItems(Alignment.BASELINE);

        add(nodes, zoneButtons(), killRow, speedRow, delayRow, trafficRow());
        refresh();
    }

    private HorizontalLayout actions(SandboxNode node) {
        Button toggle = node.ready()
                ? new Button(getTranslation("sandbox.node.fail"), e -> act(() -> sandbox.failNode(node.name())))
                : new Button(getTranslation("sandbox.node.recover"), e -> act(() -> sandbox.recoverNode(node.name())));
        toggle.setId((node.ready() ? "fail-" : "recover-") + node.name());
        toggle.addThemeVariants(node.ready() ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_SUCCESS,
                ButtonVariant.LUMO_SMALL);
        return new HorizontalLayout(toggle);
    }

    final com.vaadin.flow.component.textfield.TextField trafficNamespace =
            new com.vaadin.flow.component.textfield.TextField();
    final com.vaadin.flow.component.textfield.TextField trafficApp = new com.vaadin.flow.component.textfield.TextField();
    final com.vaadin.flow.component.textfield.NumberField load = new com.vaadin.flow.component.textfield.NumberField();
    final com.vaadin.flow.component.textfield.NumberField errors = new com.vaadin.flow.component.textfield.NumberField();
    final com.vaadin.flow.component.textfield.IntegerField latency =
            new com.vaadin.flow.component.textfield.IntegerField();

    /** An app's simulated traffic: what its charts and alerts will show. */
    private HorizontalLayout trafficRow() {
        trafficNamespace.setLabel(getTranslation("sandbox.pod.namespace"));
        trafficApp.setLabel(getTranslation("sandbox.traffic.app"));
        load.setLabel(getTranslation("sandbox.traffic.load"));
        load.setValue(0.3);
        load.setMin(0);
        load.setMax(20);
        errors.setLabel(getTranslation("sandbox.traffic.errors"));
        errors.setValue(0.0);
        errors.setMin(0);
        errors.setMax(100);
        latency.setLabel(getTranslation("sandbox.traffic.latency"));
        latency.setValue(40);
        latency.setMin(1);
        latency.setMax(60_000);
        Button apply = new Button(getTranslation("sandbox.traffic.set"), e -> act(() -> sandbox.setTraffic(
                trafficNamespace.getValue().strip(), trafficApp.getValue().strip(),
                load.getValue() == null ? -1 : load.getValue(), errors.getValue() == null ? -1 : errors.getValue(),
                latency.getValue() == null ? 0 : latency.getValue())));
        apply.setId("sandbox-traffic-set");
        HorizontalLayout row = new HorizontalLayout(trafficNamespace, trafficApp, load, errors, latency, apply);
        row.setAlignItems(Alignment.BASELINE);
        row.setWrap(true);
        return row;
    }

    private HorizontalLayout zoneButtons() {
        HorizontalLayout zones = new HorizontalLayout();
        sandbox.nodes().stream().map(SandboxNode::zone).distinct().sorted().forEach(zone -> {
            Button lose = new Button(getTranslation("sandbox.zone.lose", zone), e -> act(() -> sandbox.loseZone(zone)));
            lose.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            zones.add(lose);
        });
        return zones;
    }

    private void act(Runnable action) {
        try {
            action.run();
            Messages.success(getTranslation("sandbox.done"));
        } catch (UserError refused) {
            Messages.error(this, refused);
        }
        refresh();
    }

    void refresh() {
        nodes.setItems(sandbox.nodes());
    }

    /** A failed or recovered node shows at once, without a reload (one redraw per burst of changes). */
    @Override
    protected void onAttach(com.vaadin.flow.component.AttachEvent attach) {
        if (!sandbox.isRunning()) {
            return;
        }
        com.vaadin.flow.component.UI ui = attach.getUI();
        unsubscribe = sandbox.subscribeNodes(() -> {
            if (redrawQueued.compareAndSet(false, true)) {
                ui.access(() -> {
                    redrawQueued.set(false);
                    refresh();
                });
            }
        });
    }

    @Override
    protected void onDetach(com.vaadin.flow.component.DetachEvent detach) {
        unsubscribe.run();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.admin.sandbox") + " · Nonstop";
    }
}
