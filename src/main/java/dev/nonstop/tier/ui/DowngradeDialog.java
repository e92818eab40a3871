package dev.nonstop.tier.ui;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.nonstop.tier.DowngradeRefused;
import java.util.stream.Collectors;

/**
 * A refused downgrade, with its numbers: which tenant's apps use how much of what, against the new
 * limit. Confirming scales those apps down and makes the change; cancelling keeps everything.
 */
public class DowngradeDialog extends ConfirmDialog {

    public DowngradeDialog(String id, String header, DowngradeRefused refused, Runnable scaleDownAndChange) {
        setId(id);
        setHeader(header);
        VerticalLayout lines = new VerticalLayout();
        refused.overages().forEach(o -> lines.add(new Span(getTranslation("tier.downgrade.line", o.tenant(),
                getTranslation("quota.resource." + o.resource()), o.used(), o.newHard(),
                o.apps().stream().map(Object::toString).collect(Collectors.joining("; "))))));
        lines.add(new Span(getTranslation("downgrade.scale-explain")));
        setText(lines);
        setCancelable(true);
        setCancelText(getTranslation("common.cancel"));
        setConfirmText(getTranslation("downgrade.scale-confirm"));
        setConfirmButtonTheme("error primary");
        addConfirmListener(ok -> scaleDownAndChange.run());
    }
}
