/**
 * Devices of the bench: the camera ({@code camera}), the illuminant rig ({@code rig}), the film
 * side's seams (a film body and a lab, {@code film}) and the virtual bench behind all of them
 * ({@code sim}).
 */
package emu.devices;
