package emu.devices.film;

/**
 * The control strip a lab ran with a roll (issue 20): its process ({@code C-41}, {@code E-6},
 * {@code ECN-2}), the strip lot, and nine status M densities in the order D-min, LD, HD x red,
 * green, blue, with the lot's reference strip in the same order (the lab's aims).
 */
public record ControlStrip(String process, String lot, double[] densities, double[] reference) {
    public ControlStrip {
        if (densities.length != 9 || reference.length != 9) {
            throw new IllegalArgumentException("a control strip has 9 densities (D-min, LD, HD x R, G, B)");
        }
        densities = densities.clone();
        reference = reference.clone();
    }
}
