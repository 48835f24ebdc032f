package emu.station.api;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import emu.station.Workflows;
import emu.station.store.ProfilingSetRepository.PlanStep;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/**
 * The slate: a plain page showing the current plan step as a large QR code (inline SVG, ZXing's
 * {@link QRCodeWriter}) and in text, for a phone or tablet placed in the frame so every film frame
 * carries its identity. The QR text is the step's short code ({@code S3-07}: few modules, so it survives film and scanning), which scan import decodes. The
 * step is {@code ?step=ID_OR_CODE}, else the one the digital shoot is on, else the one a film shoot
 * is on (waiting for the operator's shutter press); the page reloads itself.
 */
final class Slate {
    private Slate() {}

    static void render(Context ctx, Workflows w) throws WriterException {
        String wanted = ctx.queryParam("step");
        if (wanted == null || wanted.isBlank()) {
            wanted = w.shoot().status().step();
        }
        if (wanted == null || wanted.isBlank()) {
            wanted = w.film().currentStepId().orElse(null);
        }
        Optional<PlanStep> step = wanted == null || wanted.isBlank() ? Optional.empty() : w.store().sets().step(wanted);
        if (wanted != null && !wanted.isBlank() && step.isEmpty()) {
            ctx.status(404);
        }
        StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"refresh\" content=\"3\"><title>emu-station slate</title>"
                + "<style>body{background:#fff;color:#000;font-family:sans-serif;text-align:center;margin:1em}"
                + "svg{width:min(90vw,70vh);height:auto}h1{font-size:3em;margin:.2em}p{font-size:1.5em}</style>"
                + "</head><body>");
        if (step.isPresent()) {
            PlanStep s = step.get();
            h.append(svg(s.code()));
            h.append("<h1>").append(esc(s.code())).append("</h1><p>").append(esc(s.illuminant())).append(" &middot; EV ")
                    .append(String.format(java.util.Locale.ROOT, "%+.1f", s.ev())).append("</p><p><small>")
                    .append(esc(s.id())).append("</small></p>");
        } else {
            h.append("<h1>no step</h1><p>").append(wanted == null || wanted.isBlank() ? "nothing is being shot"
                    : "no plan step " + esc(wanted)).append("</p>");
        }
        ctx.html(h.append("</body></html>").toString());
    }

    static String svg(String text) throws WriterException {
        BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        StringBuilder p = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    p.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + m.getWidth() + " " + m.getHeight()
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                + "<path d=\"" + p + "\" fill=\"#000\"/></svg>";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
