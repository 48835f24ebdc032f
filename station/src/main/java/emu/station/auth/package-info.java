/**
 * Web logins: password hashing ({@link emu.station.auth.Passwords}), the login guard and routes
 * ({@link emu.station.auth.Auth}), failed-login throttling, and the owner-only file that hands a
 * one-time password to the operator. May import {@code emu.station.store}, {@code emu.station.config},
 * {@code emu.station.daemon} and {@code emu.calibration.io}; nothing in the workflows.
 */
package emu.station.auth;
