/**
 * The web UI's server side: the static pages ({@code web-ui} module) and the read models under
 * {@code /api/ui}, one class per resource, composed by {@link emu.station.ui.UiModule}. Answers
 * go through {@code emu.station.http}'s JSON setup and error mapping.
 *
 * <p>May import {@code http}, {@code errors}, {@code daemon}, {@code auth}, {@code store},
 * {@code config}, {@code readings} and the device wiring for the capture scale and clip level; not {@code api}.
 */
package emu.station.ui;
