package emu.devices.film;

import java.util.Objects;

/**
 * A roll in a film camera body, as the station loaded it.
 *
 * @param stock the film stock's name
 * @param code the roll's name as the lab prints it on the files, e.g. {@code R0001}
 * @param frames frames on the roll (its capacity)
 * @param slate whether a slate stands next to the chart showing each frame's step as a QR code
 */
public record LoadedRoll(String stock, String code, int frames, boolean slate) {
    public LoadedRoll {
        Objects.requireNonNull(stock, "stock");
        Objects.requireNonNull(code, "code");
    }
}
