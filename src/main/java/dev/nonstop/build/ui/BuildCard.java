package dev.nonstop.build.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import dev.nonstop.build.Build;
import dev.nonstop.build.BuildService;
import dev.nonstop.build.BuildStatus;
import dev.nonstop.build.BuildStep;
import dev.nonstop.common.UserError;
import dev.nonstop.uikit.Messages;
import java.time.Duration;
import java.time.Instant;

/**
 * One build: app, commit and who asked; its status and a progress bar; the steps with their
 * durations; for a failure, the cause and the fix in plain words; the log; cancel while it runs.
 */
public class BuildCard extends Div {

    private final BuildService builds;
    private final long buildId;
    final Span status = new Span();
    final ProgressBar progress = new ProgressBar(0, 100);
    final Div steps = new Div();
    final Div failure = new Div();
    final Pre log = new Pre();
    final Button cancel = new Button();
    final Div commit = new Div();
    final Paragraph deployNotice = new Paragraph();
    private final Details logDetails;

    public BuildCard(BuildService builds, Build build) {
        this.builds = builds;
        this.buildId = build.id();
        setId("build-" + build.id());
        addClassNames("nonstop-build-card");
        Paragraph title = new Paragraph(getTranslation("builds.card.title", build.appDeleted()
                ? getTranslation("builds.deleted-app", build.app()) : build.app(), String.valueOf(build.number()),
                build.refName(), build.shortCommit(), build.requestedBy()));
        title.setId("build-title-" + build.id());
        if (build.commitMessage() != null) {
            Paragraph message = new Paragraph(getTranslation("builds.commit", build.commitMessage(),
                    build.commitAuthor() == null ? "" : build.commitAuthor()));
            message.addClassNames("nonstop-commit");
            commit.add(message);
        }
        status.setId("build-status-" + build.id());
        steps.addClassNames("nonstop-build-steps");
        failure.setId("build-failure-" + build.id());
        log.setId("build-log-" + build.id());
        log.addClassNames("nonstop-log");
        logDetails = new Details(getTranslation("builds.log"), log);
        logDetails.addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                refreshLog();
            }
        });
        cancel.setText(getTranslation("builds.cancel"));
        cancel.setId("build-cancel-" + build.id());
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        cancel.addClickListener(e -> {
            try {
                show(builds.cancel(buildId));
            } catch (UserError refused) {
                Messages.error(this, refused);
            }
        });
        deployNotice.setId("build-deploy-notice-" + build.id());
        deployNotice.addClassNames("nonstop-error");
        add(title, commit, status, progress, steps, failure, deployNotice, cancel, logDetails);
        show(build);
    }

    public long buildId() {
        return buildId;
    }

    /** Redraws the card from the build's current state. */
    public void show(Build build) {
        status.setText(getTranslation("builds.status." + build.status().name()));
        status.getElement().getThemeList().clear();
        status.getElement().getThemeList().add("badge " + switch (build.status()) {
            case SUCCEEDED -> "success";
            case FAILED -> "error";
            case CANCELLED -> "contrast";
            default -> "";
        });
        progress.setValue(build.status().progress());
        progress.setIndeterminate(build.status() == BuildStatus.QUEUED);
        steps.removeAll();
        Instant now = Instant.now();
        for (BuildStep step : build.steps()) {
            Duration d = step.duration(now);
            Span line = new Span(getTranslation("builds.step", getTranslation("builds.step." + step.name()),
                    getTranslation("builds.step.state." + step.state().name()),
                    d == null ? "" : formatted(d)));
            line.setId("build-" + build.id() + "-step-" + step.name());
            steps.add(new Div(line));
        }
        failure.removeAll();
        if (build.failureCause() != null) {
            failure.add(new Paragraph(getTranslation(build.failureCause().causeKey())),
                    new Paragraph(getTranslation(build.failureCause().fixKey())));
            failure.addClassNames("nonstop-build-failure");
        }
        if (build.imageDigest() != null) {
            failure.add(new Paragraph(getTranslation("builds.image", build.image(), build.imageDigest())));
        }
        deployNotice.setText(build.deployNotice() == null ? "" : Messages.of(this, build.deployNotice()));
        deployNotice.setVisible(build.deployNotice() != null);
        cancel.setVisible(!build.status().finished());
        if (logDetails.isOpened()) {
            refreshLog();
        }
    }

    void refreshLog() {
        try {
            log.setText(builds.log(buildId));
        } catch (UserError gone) {
            log.setText(Messages.of(this, gone));
        }
    }

    static String formatted(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + "s" : (s / 60) + "m " + (s % 60) + "s";
    }
}
