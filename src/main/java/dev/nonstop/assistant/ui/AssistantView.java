package dev.nonstop.assistant.ui;

import com.vaadin.flow.router.Route;
import dev.nonstop.uikit.EmptyPage;
import jakarta.annotation.security.PermitAll;

@Route("assistant")
@PermitAll
public class AssistantView extends EmptyPage {

    AssistantView() {
        super("nav.assistant", "assistant");
    }
}
