/**
 * The station application: {@link emu.station.Workflows} holds the running workflows (sets and
 * their plans, the digital shoot, the film side, scan import and pairing, the job queue) for the
 * HTTP API and the CLI, with {@code ProfilingSets} (create, edit while unshot, duplicate);
 * {@link emu.station.StationVersion}. The sub-packages are the domain map
 * (docs/architecture.md): {@code store} at the bottom, the workflows above it, {@code api}/{@code ui}
 * and {@code cli} on top.
 *
 * <p>May import the workflow packages, {@code store}, {@code config}, {@code errors}; never
 * {@code api}, {@code ui}, {@code cli}, {@code daemon} or {@code http}.
 */
package emu.station;
