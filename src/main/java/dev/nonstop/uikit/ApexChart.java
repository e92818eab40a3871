package dev.nonstop.uikit;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A line or area chart drawn in the browser by ApexCharts (npm {@code apexcharts} 5.0.0, the last
 * MIT-licensed release). The options are typed records sent as JSON; {@link #update} replaces the
 * points in place without redrawing the chart. Every chart carries a one-line text for screen readers
 * ({@code aria-label}), which also says what it shows to anyone who cannot see it.
 */
@Tag("nonstop-chart")
@NpmPackage(value = "apexcharts", version = "5.0.0")
@JsModule("./components/nonstop-chart.js")
public class ApexChart extends Component implements HasSize {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A point: epoch milliseconds and a value. */
    public record Point(long x, double y) {
    }

    /** One line of the chart. */
    public record Line(String name, List<Point> data) {
    }

    /** A marker on the time axis (a deploy, a rollback, a drill). */
    public record Marker(long at, String label) {
    }

    /**
     * What to draw: {@code kind} "line" or "area", height in pixels, a sparkline (no axes, for cards),
     * the unit the values are in, the lines, an optional fixed maximum, markers, what to say when there
     * is no data yet, and the time axis's span in epoch milliseconds (null: the data's own).
     */
    public record Options(String kind, int height, boolean sparkline, String unit, List<Line> series,
                          @Nullable Double max, List<Marker> markers, String empty, @Nullable Long from,
                          @Nullable Long to) {

        public static Options line(int height, String unit, List<Line> series, String empty) {
            return new Options("line", height, false, unit, series, null, List.of(), empty, null, null);
        }

        public static Options sparkline(String unit, List<Line> series) {
            return new Options("area", 48, true, unit, series, null, List.of(), "", null, null);
        }
    }

    /** What {@link #update} sends when the time axis moves with the points. */
    private record Moved(List<Line> series, long from, long to) {
    }

    private @Nullable Options drawn;

    public ApexChart() {
        getElement().setAttribute("role", "img");
        getElement().getStyle().set("display", "block");
    }

    /** Draws the chart anew. */
    public void draw(Options options, String summary) {
        drawn = options;
        getElement().callJsFunction("draw", JSON.writeValueAsString(options));
        summary(summary);
    }

    /** New points for the same lines: the chart moves without being redrawn. */
    public void update(List<Line> series, String summary) {
        if (drawn == null) {
            return;
        }
        drawn = new Options(drawn.kind(), drawn.height(), drawn.sparkline(), drawn.unit(), series, drawn.max(),
                drawn.markers(), drawn.empty(), drawn.from(), drawn.to());
        getElement().callJsFunction("update", JSON.writeValueAsString(series));
        summary(summary);
    }

    /** New points, and the time axis moved to show {@code from}–{@code to} (epoch milliseconds). */
    public void update(List<Line> series, long from, long to, String summary) {
        if (drawn == null) {
            return;
        }
        drawn = new Options(drawn.kind(), drawn.height(), drawn.sparkline(), drawn.unit(), series, drawn.max(),
                drawn.markers(), drawn.empty(), from, to);
        getElement().callJsFunction("update", JSON.writeValueAsString(new Moved(series, from, to)));
        summary(summary);
    }

    private void summary(String text) {
        getElement().setAttribute("aria-label", text);
        getElement().setProperty("title", text);
    }

    /** What the chart shows now (for tests and views that read it back). */
    public @Nullable Options options() {
        return drawn;
    }

    public String summary() {
        return getElement().getAttribute("aria-label");
    }
}
