/**
 * The systemd service protocol (sd_notify(3)): readiness once the daemon listens, and watchdog pings
 * while its own {@code /api/health} answers. Inert when not started by systemd ({@code NOTIFY_SOCKET}
 * unset). Talks to libc through JNA; imports {@code daemon} only.
 */
package emu.station.systemd;
