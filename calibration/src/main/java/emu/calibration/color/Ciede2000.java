package emu.calibration.color;

/**
 * The CIEDE2000 colour difference, CIE 142-2001, implemented as written out step by step in
 * G. Sharma, W. Wu, E. N. Dalal, "The CIEDE2000 color-difference formula: implementation notes,
 * supplementary test data, and mathematical observations", Color Res. Appl. 30(1), 2005,
 * eq. (1)-(22), including their conventions for hue when a chroma is zero (eq. 7, 10, 14).
 */
public final class Ciede2000 implements DeltaE {

    private static final double POW25_7 = Math.pow(25, 7);

    private final double kL;
    private final double kC;
    private final double kH;

    /** Parametric factors; 1, 1, 1 for the reference conditions. */
    public Ciede2000(double kL, double kC, double kH) {
        this.kL = kL;
        this.kC = kC;
        this.kH = kH;
    }

    @Override
    public String name() {
        return "ciede2000";
    }

    @Override
    public double between(double[] p, int o1, double[] q, int o2) {
        double l1 = p[o1], a1 = p[o1 + 1], b1 = p[o1 + 2];
        double l2 = q[o2], a2 = q[o2 + 1], b2 = q[o2 + 2];
        // eq. 2-6
        double cBar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
        double cBar7 = Math.pow(cBar, 7);
        double g = 0.5 * (1 - Math.sqrt(cBar7 / (cBar7 + POW25_7)));
        double a1p = (1 + g) * a1;
        double a2p = (1 + g) * a2;
        double c1p = Math.hypot(a1p, b1);
        double c2p = Math.hypot(a2p, b2);
        double h1p = hue(a1p, b1);
        double h2p = hue(a2p, b2);
        // eq. 8-12
        double dLp = l2 - l1;
        double dCp = c2p - c1p;
        double dhp;
        if (c1p * c2p == 0) {
            dhp = 0;
        } else {
            dhp = h2p - h1p;
            if (dhp > 180) {
                dhp -= 360;
            } else if (dhp < -180) {
                dhp += 360;
            }
        }
        double dHp = 2 * Math.sqrt(c1p * c2p) * Math.sin(Math.toRadians(dhp / 2));
        // eq. 13-22
        double lBarP = (l1 + l2) / 2;
        double cBarP = (c1p + c2p) / 2;
        double hBarP;
        if (c1p * c2p == 0) {
            hBarP = h1p + h2p;
        } else if (Math.abs(h1p - h2p) <= 180) {
            hBarP = (h1p + h2p) / 2;
        } else if (h1p + h2p < 360) {
            hBarP = (h1p + h2p + 360) / 2;
        } else {
            hBarP = (h1p + h2p - 360) / 2;
        }
        double t = 1 - 0.17 * cos(hBarP - 30) + 0.24 * cos(2 * hBarP) + 0.32 * cos(3 * hBarP + 6)
                - 0.20 * cos(4 * hBarP - 63);
        double dTheta = 30 * Math.exp(-Math.pow((hBarP - 275) / 25, 2));
        double cBarP7 = Math.pow(cBarP, 7);
        double rc = 2 * Math.sqrt(cBarP7 / (cBarP7 + POW25_7));
        double l50 = (lBarP - 50) * (lBarP - 50);
        double sl = 1 + 0.015 * l50 / Math.sqrt(20 + l50);
        double sc = 1 + 0.045 * cBarP;
        double sh = 1 + 0.015 * cBarP * t;
        double rt = -Math.sin(Math.toRadians(2 * dTheta)) * rc;
        double tl = dLp / (kL * sl);
        double tc = dCp / (kC * sc);
        double th = dHp / (kH * sh);
        return Math.sqrt(tl * tl + tc * tc + th * th + rt * tc * th);
    }

    private static double hue(double a, double b) {
        if (a == 0 && b == 0) {
            return 0;
        }
        double h = Math.toDegrees(Math.atan2(b, a));
        return h < 0 ? h + 360 : h;
    }

    private static double cos(double degrees) {
        return Math.cos(Math.toRadians(degrees));
    }
}
