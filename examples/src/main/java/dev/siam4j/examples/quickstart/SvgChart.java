package dev.siam4j.examples.quickstart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG line charts over iterations: one line per series, an optional shaded band
 * (min–max across seeds), points with native tooltips ({@code <title>}), a legend.
 */
final class SvgChart {
  static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f"};
  private static final int WIDTH = 560;
  private static final int HEIGHT = 270;
  private static final int LEFT = 52;
  private static final int RIGHT = 170;
  private static final int TOP = 18;
  private static final int BOTTOM = 40;

  /** A line: values per iteration (NaN: no point), optional band bounds, dashed or not. */
  record Line(String label, List<Double> values, List<Double> low, List<Double> high, boolean dashed, String color) {}

  private final String title;
  private final boolean percent;
  private final List<Line> lines = new ArrayList<>();

  SvgChart(String title, boolean percent) {
    this.title = title;
    this.percent = percent;
  }

  SvgChart line(Line line) {
    lines.add(line);
    return this;
  }

  String render() {
    int points = 0;
    double max = percent ? 1.0 : 0.0;
    for (Line l : lines) {
      points = Math.max(points, l.values().size());
      for (double v : l.values()) {
        if (!Double.isNaN(v)) {
          max = Math.max(max, v);
        }
      }
      if (l.high() != null) {
        for (double v : l.high()) {
          if (!Double.isNaN(v)) {
            max = Math.max(max, v);
          }
        }
      }
    }
    double top = percent ? 1.0 : niceCeiling(max);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT,
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
        WIDTH, HEIGHT, WIDTH, HEIGHT, Html.escape(title)));
    s.append("<title>").append(Html.escape(title)).append("</title>");
    for (int i = 0; i <= 4; i++) {
      double v = top * i / 4;
      double y = TOP + plotH - plotH * (v / top);
      s.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", LEFT, y, LEFT + plotW, y));
      s.append(String.format(Locale.ROOT,
          "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">%s</text>",
          LEFT - 6, y + 4, percent ? String.format(Locale.ROOT, "%.0f%%", v * 100) : format(v)));
    }
    for (int i = 0; i < points; i++) {
      double x = x(i, points, plotW);
      s.append(String.format(Locale.ROOT,
          "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">%d</text>",
          x, TOP + plotH + 16, i));
    }
    s.append(String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">iteration (0 = seed model)</text>",
        LEFT + plotW / 2.0, HEIGHT - 6));
    s.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", LEFT, TOP + plotH, LEFT + plotW, TOP + plotH));
    int legendY = TOP + 6;
    for (Line l : lines) {
      if (l.low() != null && l.high() != null) {
        StringBuilder poly = new StringBuilder();
        List<String> back = new ArrayList<>();
        for (int i = 0; i < l.high().size(); i++) {
          if (Double.isNaN(l.high().get(i)) || Double.isNaN(l.low().get(i))) {
            continue;
          }
          double x = x(i, points, plotW);
          poly.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(l.high().get(i), top, plotH)));
          back.add(0, String.format(Locale.ROOT, "%.1f,%.1f", x, y(l.low().get(i), top, plotH)));
        }
        poly.append(String.join(" ", back));
        s.append("<polygon class=\"band\" fill=\"").append(l.color()).append("\" fill-opacity=\"0.13\" stroke=\"none\" points=\"")
            .append(poly.toString().strip()).append("\"/>");
      }
      StringBuilder pts = new StringBuilder();
      StringBuilder dots = new StringBuilder();
      for (int i = 0; i < l.values().size(); i++) {
        double v = l.values().get(i);
        if (Double.isNaN(v)) {
          continue;
        }
        double x = x(i, points, plotW);
        double y = y(v, top, plotH);
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        dots.append(String.format(Locale.ROOT,
            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s, iteration %d: %s</title></circle>",
            x, y, l.color(), Html.escape(l.label()), i, percent ? String.format(Locale.ROOT, "%.1f%%", v * 100) : format(v)));
      }
      s.append("<polyline class=\"series\" fill=\"none\" stroke=\"").append(l.color()).append("\" stroke-width=\"2.2\"")
          .append(l.dashed() ? " stroke-dasharray=\"6 4\"" : "")
          .append(" points=\"").append(pts.toString().strip()).append("\"/>");
      s.append(dots);
      int lx = LEFT + plotW + 14;
      s.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2.2\"%s/>",
          lx, legendY, lx + 22, legendY, l.color(), l.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
      s.append(String.format(Locale.ROOT,
          "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#222\">%s</text>", lx + 28, legendY + 4, Html.escape(l.label())));
      legendY += 18;
    }
    s.append("</svg>");
    return s.toString();
  }

  private static double x(int i, int points, int plotW) {
    return points <= 1 ? LEFT + plotW / 2.0 : LEFT + 14 + (plotW - 28) * (double) i / (points - 1);
  }

  private static double y(double v, double top, int plotH) {
    return TOP + plotH - plotH * (v / top);
  }

  private static double niceCeiling(double max) {
    if (max <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= max) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  static String format(double v) {
    if (Math.abs(v - Math.rint(v)) < 1e-9 && Math.abs(v) < 1e9) {
      return String.format(Locale.ROOT, "%d", (long) Math.rint(v));
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.1f", v);
  }
}
