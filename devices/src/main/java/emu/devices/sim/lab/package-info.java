/** The simulated film camera and lab: rolls exposed frame by frame on the bench, developed, scanned and delivered as files. */
package emu.devices.sim.lab;
