package dev.nonstop.app.ui;

import com.vaadin.flow.component.Component;

/**
 * What another feature adds to an app's card and detail page — the metrics feature's charts — without
 * the app feature knowing it (metrics depends on app, never the reverse). At most one implementation;
 * without one, cards and the detail page show no extras. The components keep themselves current while
 * attached and call their own feature's services as the signed-in user.
 */
public interface AppExtras {

    /** Shown on the app's card, under its badges. */
    Component onCard(long appId);

    /** The translation key of the detail page's extra tab. */
    String detailTabKey();

    /** The content of that tab. */
    Component onDetail(long appId);
}
