package emu.station.fromimages;

import emu.calibration.io.AtomicFiles;
import emu.station.fromimages.FromImages.StepResult;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The contact sheet of a {@code pairs from-images} run: every capture beside its scan, each with the
 * grid that was read drawn on it ({@link emu.calibration.chart.ChartOverlay}) and its confidence,
 * and one caption per step (illuminant, EV, pairs, what was left out or why the step failed). A
 * {@code .png} name gives one image; {@code .html} (or {@code .htm}) a page of embedded PNGs.
 */
public final class ContactSheet {
    private static final int GAP = 8;
    private static final int CAPTION = 22;

    private ContactSheet() {}

    /** @throws IllegalArgumentException when the name ends neither in .png nor .html */
    public static void checkName(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!n.endsWith(".png") && !n.endsWith(".html") && !n.endsWith(".htm")) {
            throw new IllegalArgumentException("--sheet " + file + ": name it .png or .html");
        }
    }

    public static void write(Path file, List<StepResult> steps, int side) throws IOException {
        checkName(file);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            AtomicFiles.write(file, png(sheet(steps, side)));
        } else {
            AtomicFiles.writeString(file, html(steps));
        }
    }

    static String caption(StepResult r) {
        return head(r) + "  " + result(r);
    }

    private static String head(StepResult r) {
        Step s = r.step();
        return String.format(Locale.ROOT, "%s + %s  %s  EV %+.2f", s.capture().getFileName(), s.scan().getFileName(),
                s.illuminant(), s.ev());
    }

    private static String result(StepResult r) {
        if (r.pairs() == null) {
            return "FAILED: " + r.problem();
        }
        return String.format(Locale.ROOT, "%d pairs%s; confidence %.2f / %.2f", r.pairs().pairs().size(),
                r.pairs().leftOut() == 0 ? "" : ", " + r.pairs().describeLeftOut(), r.captureConfidence(), r.scanConfidence());
    }

    private static BufferedImage sheet(List<StepResult> steps, int side) {
        int w = 2 * side + 3 * GAP;
        int h = GAP;
        for (StepResult r : steps) {
            h += rowHeight(r) + 2 * CAPTION + GAP;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(32, 32, 32));
            g.fillRect(0, 0, w, h);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            int y = GAP;
            for (StepResult r : steps) {
                if (r.captureView() != null) {
                    g.drawImage(r.captureView(), GAP, y, null);
                }
                if (r.scanView() != null) {
                    g.drawImage(r.scanView(), 2 * GAP + side, y, null);
                }
                int cellH = rowHeight(r);
                g.setColor(Color.WHITE);
                g.drawString(head(r), GAP, y + cellH + 15);
                g.setColor(r.pairs() == null ? new Color(255, 110, 110) : new Color(200, 200, 200));
                g.drawString(result(r), GAP, y + cellH + 15 + CAPTION - 4);
                y += cellH + 2 * CAPTION + GAP;
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static int rowHeight(StepResult r) {
        return Math.max(height(r.captureView()), height(r.scanView()));
    }

    private static int height(BufferedImage img) {
        return img == null ? 0 : img.getHeight();
    }

    private static String html(List<StepResult> steps) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>contact sheet</title>"
                + "<style>body{background:#202020;color:#eee;font:13px sans-serif}td{vertical-align:top;padding:4px}"
                + ".failed{color:#f77}</style></head><body>\n<table>\n<tr><th>capture</th><th>scan</th></tr>\n");
        for (StepResult r : steps) {
            b.append("<tr><td>").append(img(r.captureView())).append("</td><td>").append(img(r.scanView()))
                    .append("</td></tr>\n<tr><td colspan=\"2\"").append(r.pairs() == null ? " class=\"failed\"" : "")
                    .append('>').append(escape(caption(r))).append("</td></tr>\n");
        }
        return b.append("</table>\n</body></html>\n").toString();
    }

    private static String img(BufferedImage view) {
        return view == null ? "" : "<img alt=\"\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png(view)) + "\">";
    }

    private static byte[] png(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
