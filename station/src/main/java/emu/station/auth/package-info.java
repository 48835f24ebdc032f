/**
 * Web logins: accounts' password hashes ({@code Passwords}), the login throttle (per source and
 * user), the owner-only file that hands a one-time password to the operator, and
 * {@link emu.station.auth.Auth}, the daemon module with the login routes and the one guard in
 * front of every other route. May import {@code store}, {@code config}, {@code daemon} and
 * {@code emu.calibration.io}.
 */
package emu.station.auth;
