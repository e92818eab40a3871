package dev.nonstop.build.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.nonstop.build.Build;
import dev.nonstop.build.BuildService;
import dev.nonstop.build.BuildSource;
import dev.nonstop.build.Inspection;
import dev.nonstop.common.UserError;
import dev.nonstop.source.Detection;
import dev.nonstop.uikit.Messages;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Paste a Git URL (and a branch, if not the default), check the repository, see what Nonstop found and
 * what will happen, correct name, port, health path, Dockerfile and context directory, then "Build and
 * deploy": the app is saved and its first build starts, deploying itself when it succeeds. The form is
 * ready for the next repository at once.
 */
public class NewAppForm extends VerticalLayout {

    final TextField url = new TextField();
    final TextField ref = new TextField();
    final Button inspect = new Button();
    final Div found = new Div();
    final TextField name = new TextField();
    final IntegerField port = new IntegerField();
    final TextField health = new TextField();
    final TextField dockerfile = new TextField();
    final TextField context = new TextField();
    final Button build = new Button();
    private final BuildService builds;
    private final Consumer<Build> started;
    private @Nullable Inspection inspection;

    public NewAppForm(BuildService builds, Consumer<Build> started) {
        this.builds = builds;
        this.started = started;
        setPadding(false);
        url.setLabel(getTranslation("builds.url"));
        url.setPlaceholder("https://github.com/owner/repo");
        url.setId("source-url");
        url.setWidth("36em");
        url.setMaxLength(500);
        ref.setLabel(getTranslation("builds.ref"));
        ref.setId("source-ref");
        ref.setMaxLength(200);
        inspect.setText(getTranslation("builds.inspect"));
        inspect.setId("source-inspect");
        inspect.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        inspect.setDisableOnClick(true);
        inspect.addClickListener(e -> inspect());
        build.setText(getTranslation("builds.build-and-deploy"));
        build.setId("source-build");
        build.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        build.setDisableOnClick(true);
        build.addClickListener(e -> saveAndBuild());
        url.addValueChangeListener(e -> urlError(null));
        HorizontalLayout row = new HorizontalLayout(url, ref, inspect);
        row.setAlignItems(Alignment.BASELINE);
        row.setWrap(true);
        found.setId("source-found");
        found.setVisible(false);
        add(row, found);
    }

    void inspect() {
        try {
            inspection = builds.inspect(url.getValue(), ref.getValue());
            urlError(null);
            showFindings();
        } catch (UserError refused) {
            found.setVisible(false);
            // said next to the field it is about, not only in a pop-up that goes away
            urlError(Messages.of(this, refused));
        } finally {
            inspect.setEnabled(true);
        }
    }

    private void urlError(@Nullable String message) {
        url.setInvalid(message != null);
        url.setErrorMessage(message);
    }

    private void showFindings() {
        Inspection inspection = this.inspection;
        if (inspection == null) {
            return;
        }
        Detection d = inspection.detection();
        found.removeAll();
        found.add(new H3(getTranslation("builds.found.title", inspection.ref().source().display(),
                inspection.ref().shortName(), inspection.ref().commit().substring(0, 7))));
        UnorderedList list = new UnorderedList();
        list.setId("source-findings");
        d.findings().forEach(f -> list.add(new ListItem(getTranslation(f.key(), f.args().toArray()))));
        found.add(list);
        if (!d.buildable()) {
            found.add(new Paragraph(getTranslation("build.fix.nothing-to-build")));
            found.setVisible(true);
            return;
        }
        found.add(new Paragraph(getTranslation(d.kind().usesDockerfile() ? "builds.plan.dockerfile"
                : "builds.plan.buildpacks", String.valueOf(d.port()), d.healthPath())));
        name.setLabel(getTranslation("builds.name"));
        name.setId("source-name");
        name.setValue(inspection.suggestedName());
        name.setMaxLength(40);
        port.setLabel(getTranslation("builds.port"));
        port.setId("source-port");
        port.setValue(d.port());
        port.setMin(1);
        port.setMax(65535);
        health.setLabel(getTranslation("builds.health"));
        health.setId("source-health");
        health.setValue(d.healthPath());
        dockerfile.setLabel(getTranslation("builds.dockerfile"));
        dockerfile.setId("source-dockerfile");
        dockerfile.setValue(d.dockerfile());
        dockerfile.setVisible(d.kind().usesDockerfile());
        context.setLabel(getTranslation("builds.context"));
        context.setId("source-context");
        context.setValue(d.contextDir());
        build.setEnabled(true);
        found.add(new FormLayout(name, port, health, dockerfile, context), build);
        found.setVisible(true);
    }

    void saveAndBuild() {
        Inspection inspection = this.inspection;
        if (inspection == null) {
            return;
        }
        try {
            Detection corrected = inspection.detection().corrected(port.getValue(), health.getValue(),
                    dockerfile.isVisible() ? dockerfile.getValue() : null, context.getValue());
            BuildSource source = builds.createSource(name.getValue(), url.getValue(), ref.getValue(), corrected);
            Build started = builds.startAndDeploy(source.id());
            found.setVisible(false);
            this.inspection = null;
            url.clear();
            ref.clear();
            this.started.accept(started);
        } catch (UserError refused) {
            Messages.error(this, refused);
        } finally {
            build.setEnabled(true);
        }
    }
}
