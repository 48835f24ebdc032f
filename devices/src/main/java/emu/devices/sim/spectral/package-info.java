/** Spectral distributions on the bench's 380-780 nm / 5 nm grid: illuminants, observer, reflectances. */
package emu.devices.sim.spectral;
