package dev.nonstop.build.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import dev.nonstop.build.BuildService;
import dev.nonstop.build.BuildSource;
import dev.nonstop.build.WebhookInfo;
import dev.nonstop.uikit.Messages;

/** What to paste into GitHub for push-to-deploy: the payload URL and the secret, which can be rotated. */
public class WebhookDialog extends Dialog {

    final TextField url = new TextField();
    final TextField secret = new TextField();
    final Button rotate = new Button();

    public WebhookDialog(BuildService builds, BuildSource source, String origin) {
        setHeaderTitle(getTranslation("builds.webhook.title", source.name()));
        WebhookInfo info = builds.webhook(source.id());
        url.setLabel(getTranslation("builds.webhook.url"));
        url.setId("webhook-url");
        url.setReadOnly(true);
        url.setWidthFull();
        url.setValue(origin + info.path());
        secret.setLabel(getTranslation("builds.webhook.secret"));
        secret.setId("webhook-secret");
        secret.setReadOnly(true);
        secret.setWidthFull();
        secret.setValue(info.secret());
        rotate.setText(getTranslation("builds.webhook.rotate"));
        rotate.setId("webhook-rotate");
        rotate.addClickListener(e -> {
            secret.setValue(builds.rotateWebhookSecret(source.id()).secret());
            Messages.success(getTranslation("builds.webhook.rotated"));
        });
        add(new Paragraph(getTranslation("builds.webhook.text")), url, secret);
        getFooter().add(rotate, new Button(getTranslation("common.close"), e -> close()));
        setWidth("40em");
    }
}
