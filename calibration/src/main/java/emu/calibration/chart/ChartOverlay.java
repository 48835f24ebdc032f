package emu.calibration.chart;

import emu.calibration.color.Srgb;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * A picture of what was read: the image (scaled to at most {@code maxSide} pixels) with the chart's
 * outline and every patch's sampled square drawn on it, green when used, red when clipped, orange
 * when non-uniform, and the confidence written in the corner; so a person sees at once whether the
 * grid sits on the patches.
 *
 * <p>Linear images are shown through the sRGB curve (IEC 61966-2-1) after multiplying by {@code
 * gain} (so a scene-linear capture whose 18% grey reads 0.18 looks normally exposed at gain 1);
 * display-encoded images (scans, JPEGs) are shown as stored with {@code linear = false}.
 */
public final class ChartOverlay {
    private static final Color USED = new Color(40, 220, 60);
    private static final Color CLIPPED = new Color(240, 40, 40);
    private static final Color UNEVEN = new Color(255, 160, 0);

    private ChartOverlay() {}

    /** The image with {@code reading}'s grid, or only a red {@code problem} label when {@code reading} is null. */
    public static BufferedImage draw(RgbImage image, boolean linear, double gain, ChartReading reading, String problem,
            int maxSide) {
        double s = Math.min(1.0, maxSide / (double) Math.max(image.width(), image.height()));
        int w = Math.max(1, (int) Math.round(image.width() * s));
        int h = Math.max(1, (int) Math.round(image.height() * s));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            int sy = Math.min(image.height() - 1, (int) ((y + 0.5) / s));
            for (int x = 0; x < w; x++) {
                int sx = Math.min(image.width() - 1, (int) ((x + 0.5) / s));
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    double v = image.get(sx, sy, c);
                    if (linear) {
                        v = Srgb.INSTANCE.encode(Math.max(0, Math.min(1, v * gain)));
                    }
                    rgb = (rgb << 8) | (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
                }
                row[x] = rgb;
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            float stroke = Math.max(1.5f, w / 400f);
            g.setStroke(new BasicStroke(stroke));
            if (reading != null) {
                ChartLocation loc = reading.location();
                ChartSpec spec = loc.spec();
                g.setColor(Color.WHITE);
                g.draw(quad(loc.corners(), s));
                for (PatchReading p : reading.patches()) {
                    g.setColor(p.clipped() ? CLIPPED : p.nonUniform() ? UNEVEN : USED);
                    g.draw(quad(loc.chartToImage().map(spec.patchSquare(p.index(), SamplingOptions.DEFAULTS.area())), s));
                }
                label(g, String.format(Locale.ROOT, "%s  confidence %.2f", spec.name(), loc.confidence()),
                        loc.confidence() >= 0.5 ? Color.WHITE : UNEVEN, w);
            } else {
                label(g, problem == null ? "no chart" : problem, CLIPPED, w);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static void label(Graphics2D g, String text, Color colour, int width) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(11, width / 40)));
        int asc = g.getFontMetrics().getAscent();
        int tw = Math.min(width - 4, g.getFontMetrics().stringWidth(text));
        g.setColor(new Color(0, 0, 0, 170));
        g.fillRect(2, 2, tw + 8, asc + 8);
        g.setColor(colour);
        g.drawString(text, 6, asc + 4);
    }

    private static Path2D quad(double[][] q, double s) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(q[0][0] * s, q[0][1] * s);
        for (int k = 1; k < q.length; k++) {
            p.lineTo(q[k][0] * s, q[k][1] * s);
        }
        p.closePath();
        return p;
    }
}
