package emu.devices.camera.gphoto2;

import emu.devices.camera.*;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("vcamera")
class ExploreVcameraTest {
    @TempDir Path dir;
    @Test
    void explore() {
        System.out.println("size " + new LibGphoto2.CameraAbilities().size());
        System.out.println("detect " + VirtualCamera.runtime().autodetect(java.time.Duration.ofSeconds(10)));
        try (Gphoto2Camera c = Gphoto2Camera.open(VirtualCamera.runtime(), VirtualCamera.options())) {
            CameraInfo i = c.describe();
            System.out.println("info " + i.serial() + " fw " + i.firmware() + "\n" + i.summary().substring(0, Math.min(600, i.summary().length())));
            for (CameraSetting s : c.settings()) System.out.println(s.path() + " " + s.type() + " =" + s.value() + " ro=" + s.readOnly() + " " + (s.choices().size() > 8 ? s.choices().subList(0, 8) + "..." : s.choices()) + s.range());
            System.out.println("speeds " + c.shutterSpeeds());
            System.out.println("storage " + c.storageInfo());
            CaptureResult r = c.capture(CaptureRequest.asSet(dir, "s1"));
            System.out.println("result " + r);
            CaptureResult r2 = c.capture(CaptureRequest.asSet(dir, "s2"));
            System.out.println("result " + r2);
        }
    }
}
