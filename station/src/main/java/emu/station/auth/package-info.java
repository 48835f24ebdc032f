/**
 * Web logins: accounts' password hashes ({@code Passwords}), the login throttle, and
 * {@link emu.station.auth.Auth}, the daemon module with the login routes and the one guard in
 * front of every other route. May import {@code store}, {@code config}, {@code daemon}.
 */
package emu.station.auth;
