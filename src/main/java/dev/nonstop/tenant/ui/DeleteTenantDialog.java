package dev.nonstop.tenant.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import dev.nonstop.common.UserError;
import dev.nonstop.tenant.TenantDeletion;
import dev.nonstop.tenant.TenantService;
import dev.nonstop.uikit.Messages;
import java.util.function.Consumer;

/** Deleting a tenant: says what goes, asks for the tenant's name, then reports what was removed. */
public class DeleteTenantDialog extends Dialog {

    final TextField typedName = new TextField();
    final Button delete = new Button();

    public DeleteTenantDialog(TenantService tenants, long tenantId, String name, Consumer<TenantDeletion> done) {
        setHeaderTitle(getTranslation("tenant.delete.title", name));
        add(new Paragraph(getTranslation("tenant.delete.warning", name)));
        typedName.setLabel(getTranslation("tenant.delete.type-name", name));
        typedName.setId("delete-tenant-name");
        typedName.setWidthFull();
        add(typedName);
        delete.setText(getTranslation("tenant.delete.confirm"));
        delete.setId("delete-tenant-confirm");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        delete.addClickListener(e -> {
            try {
                TenantDeletion deletion = tenants.delete(tenantId, typedName.getValue());
                close();
                Messages.success(getTranslation("tenant.deleted", deletion.tenant(), deletion.namespace(),
                        deletion.objectCount(), deletion.objects().toString(), deletion.accounts(),
                        deletion.invitations()));
                done.accept(deletion);
            } catch (UserError refused) {
                Messages.error(this, refused);
            }
        });
        Button cancel = new Button(getTranslation("common.cancel"), e -> close());
        getFooter().add(cancel, delete);
    }
}
