package dev.nonstop.uikit;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.function.ValueProvider;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.List;

/**
 * A grid that becomes a list on a phone: below {@link #PHONE_WIDTH} pixels its columns give way to one
 * column in which each row is a small card of "header: value" lines (and the row's buttons), so nothing
 * scrolls sideways. Columns are added through {@link #column} and {@link #componentColumn} so the card
 * knows what to show; everything else about the grid stays as the view sets it.
 */
public final class PhoneList<T> {

    /** Narrower than this (CSS pixels), a grid shows cards. */
    public static final int PHONE_WIDTH = 600;

    private record Field<T>(Grid.Column<T> column, ValueProvider<T, ?> text,
                            ValueProvider<T, ? extends Component> component) {
    }

    private final Grid<T> grid;
    private final List<Field<T>> fields = new ArrayList<>();
    private Grid.Column<T> cards;
    private boolean phone;

    private PhoneList(Grid<T> grid) {
        this.grid = grid;
        grid.addAttachListener(attached -> follow(attached.getUI()));
    }

    @SuppressWarnings("unchecked")
    private static <T> PhoneList<T> of(Grid<T> grid) {
        PhoneList<T> list = ComponentUtil.getData(grid, PhoneList.class);
        if (list == null) {
            list = new PhoneList<>(grid);
            ComponentUtil.setData(grid, PhoneList.class, list);
        }
        return list;
    }

    /** {@code grid.addColumn(value)}, also shown on the row's card on a phone. */
    public static <T> Grid.Column<T> column(Grid<T> grid, ValueProvider<T, ?> value) {
        Grid.Column<T> column = grid.addColumn(value);
        of(grid).fields.add(new Field<>(column, value, null));
        return column;
    }

    /** {@code grid.addComponentColumn(component)}, also on the row's card on a phone. */
    public static <T> Grid.Column<T> componentColumn(Grid<T> grid, ValueProvider<T, ? extends Component> component) {
        Grid.Column<T> column = grid.addComponentColumn(component);
        of(grid).fields.add(new Field<>(column, null, component));
        return column;
    }

    /** Whether the grid shows cards (for tests and views that adapt around it). */
    public static boolean showsCards(Grid<?> grid) {
        PhoneList<?> list = ComponentUtil.getData(grid, PhoneList.class);
        return list != null && list.phone;
    }

    /** Switches between columns and cards for a screen this wide (CSS pixels). */
    public static void fit(Grid<?> grid, int screenWidth) {
        PhoneList<?> list = ComponentUtil.getData(grid, PhoneList.class);
        if (list != null) {
            list.apply(screenWidth < PHONE_WIDTH);
        }
    }

    private void follow(UI ui) {
        var page = ui.getPage();
        page.retrieveExtendedClientDetails(details -> fit(grid, details.getWindowInnerWidth()));
        Registration resize = page.addBrowserWindowResizeListener(e -> fit(grid, e.getWidth()));
        grid.addDetachListener(detached -> {
            resize.remove();
            detached.unregisterListener();
        });
    }

    private void apply(boolean onPhone) {
        if (onPhone == phone && (cards != null || !onPhone)) {
            return;
        }
        phone = onPhone;
        if (cards == null) {
            cards = grid.addComponentColumn(this::card).setFlexGrow(1).setKey("phone-card");
        }
        cards.setVisible(onPhone);
        for (Field<T> field : fields) {
            field.column().setVisible(!onPhone);
        }
    }

    private Component card(T item) {
        Div card = new Div();
        card.addClassName("phone-card");
        card.getStyle().set("white-space", "normal").set("overflow-wrap", "anywhere").set("padding", "4px 0");
        for (Field<T> field : fields) {
            if (field.component() != null) {
                card.add(field.component().apply(item));
                continue;
            }
            Object value = field.text().apply(item);
            String text = value == null ? "" : value.toString();
            if (text.isBlank()) {
                continue;
            }
            Div line = new Div();
            String header = field.column().getHeaderText();
            if (header != null && !header.isBlank()) {
                Span label = new Span(header + ": ");
                label.getStyle().set("color", "var(--lumo-secondary-text-color)");
                line.add(label);
            }
            line.add(new Span(text));
            card.add(line);
        }
        return card;
    }
}
