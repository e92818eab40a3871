package dev.nonstop.archfixture.ui;

import com.vaadin.flow.component.html.Div;
import org.springframework.data.jpa.repository.JpaRepository;

/** A deliberately wrong view: the architecture test must reject it. Not part of the portal. */
class RepositoryReachingView extends Div {

    RepositoryReachingView(JpaRepository<Object, Long> repository) {
        setText(String.valueOf(repository.count()));
    }
}
