package emu.devices.camera.gphoto2;

import static org.junit.jupiter.api.Assertions.fail;

import emu.devices.camera.CameraOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * libgphoto2's virtual USB camera as built by scripts/build-vcamera.sh: an emulated Nikon D750 (PTP)
 * whose captures are copies of the pictures under {@code vcamera/DCIM/100GPHOT}. The devices pom's
 * {@code vcamera} surefire execution sets {@code emu.vcamera.home}, IOLIBS, CAMLIBS and the working
 * directory holding the {@code >rec} file; anything missing fails the test with what to run.
 */
final class VirtualCamera {
    static final String MODEL = "Nikon DSC D750";
    static final String PORT = "usb:>rec";

    private VirtualCamera() {}

    static Path home() {
        String h = System.getProperty("emu.vcamera.home");
        if (h == null) {
            fail("emu.vcamera.home is not set: vcamera tests run in the devices pom's 'vcamera' surefire execution");
        }
        Path home = Path.of(h);
        if (!Files.isRegularFile(home.resolve("prefix/lib/libgphoto2.so.6")) || !Files.isDirectory(dcim(home))) {
            fail("libgphoto2's virtual camera is not built in " + home + ": run scripts/install-test-deps.sh "
                    + "(it calls scripts/build-vcamera.sh)");
        }
        if (!Files.isRegularFile(Path.of(">rec").toAbsolutePath()) || System.getenv("IOLIBS") == null) {
            fail("the vcamera needs IOLIBS/CAMLIBS and the working directory " + home.resolve("run")
                    + " (its >rec file): run the tests through Maven's devices 'vcamera' execution");
        }
        return home;
    }

    /** The folder whose pictures the camera "takes". */
    static Path dcim(Path home) {
        return home.resolve("prefix/share/libgphoto2_port/0.12.1/vcamera/DCIM/100GPHOT");
    }

    static CameraOptions options() {
        return CameraOptions.defaults().withCamera(MODEL, PORT).withLibraryPath(home().resolve("prefix/lib"))
                .withCallTimeout(Duration.ofSeconds(20));
    }

    static Gphoto2Runtime runtime() {
        return Gphoto2Runtime.get(options().libraryPath());
    }
}
