/** Rendering the chart into images: scene geometry, lens optics (vignetting, blur) and the 16-bit TIFF / JPEG files. */
package emu.devices.sim.render;
