package emu.devices.rig.line;

import emu.devices.rig.RigException;
import emu.devices.rig.SerialPortLink;

/** Run as a second process by LineRigLinkTest: opens the rig's port and prints how that went. */
public final class OpenProbeMain {
    private OpenProbeMain() {}

    public static void main(String[] args) {
        String device = "serial-line:" + args[0];
        try (LineRig rig = LineRig.open(device, () -> SerialPortLink.open(device, args[0], 115200), LineRig.Options.defaults())) {
            System.out.println("OPENED " + rig.identify());
            System.exit(0);
        } catch (RigException e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
