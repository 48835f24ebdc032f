package emu.devices.camera.gphoto2;

import static org.junit.jupiter.api.Assertions.*;

import emu.devices.camera.CameraOptions;
import emu.devices.camera.CameraSetting;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Many configuration reads in one camera session, and the protocol log the virtual camera keeps in
 * record mode. libgphoto2 2.5.30's vcamera logged, on every read, the length the host asked for from
 * a reply buffer holding fewer bytes: a heap over-read that once killed CameraCommandTest's
 * {@code station camera config} JVM with SIGSEGV inside {@code gp_camera_get_config} (CI, exit 134).
 * scripts/build-vcamera.sh patches it; a build without the patch fails here on every run, since its
 * log holds whole read buffers instead of the PTP containers the camera sent.
 */
@Tag("vcamera")
class Gphoto2RecordLogTest {
    /** PTP container types (PTP 1.0, USB still image class, 7.1): 2 data, 3 response. */
    private static final int DATA = 2, RESPONSE = 3;
    private static final int READS = 25;

    @Test
    void configReadInALoopAndTheRecordedLogHoldsOnlyWhatTheCameraSent() throws Exception {
        Path home = VirtualCamera.home();
        // vusb takes the USB id from the file named after the port path and logs to that name
        // without its '>': a port of this test's own, so the session the other tests keep open
        // does not write into the same log
        Path id = Path.of(">reclog").toAbsolutePath();
        Path log = id.resolveSibling("reclog");
        Files.copy(Path.of(">rec").toAbsolutePath(), id, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(log);
        CameraOptions options = CameraOptions.defaults().withCamera(VirtualCamera.MODEL, "usb:>reclog")
                .withLibraryPath(home.resolve("prefix/lib")).withCallTimeout(Duration.ofSeconds(20));
        List<String> first = null;
        try (Gphoto2Camera camera = Gphoto2Camera.open(VirtualCamera.runtime(), options)) {
            for (int i = 0; i < READS; i++) {
                List<String> names = camera.settings().stream().map(CameraSetting::name).toList();
                assertTrue(names.contains("capturetarget"), names::toString);
                if (first == null) {
                    first = names;
                }
                assertEquals(first, names, "read " + (i + 1) + " of the configuration tree");
            }
        } finally {
            Files.deleteIfExists(id);
        }
        byte[] bytes = Files.readAllBytes(log);
        Files.delete(log);
        int containers = checkContainers(bytes);
        assertTrue(containers > READS, "a reply to every read at least: " + containers);
    }

    /** Walks the log as back-to-back PTP containers (4-byte length, 2-byte type), to its last byte. */
    private static int checkContainers(byte[] bytes) {
        assertTrue(bytes.length > 0, "the vcamera recorded nothing");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int count = 0;
        while (b.remaining() > 0) {
            int at = b.position();
            assertTrue(b.remaining() >= 12, "a truncated container at byte " + at + " of " + bytes.length);
            long length = Integer.toUnsignedLong(b.getInt(at));
            int type = b.getShort(at + 4) & 0xffff;
            assertTrue((type == DATA || type == RESPONSE) && length >= 12 && length <= b.remaining(),
                    "byte " + at + " of " + bytes.length + " starts no PTP container the camera sent (length " + length
                            + ", type " + type + "): the vcamera logged bytes past its reply, i.e. it is built"
                            + " without scripts/build-vcamera.sh's record-mode fix");
            b.position(at + (int) length);
            count++;
        }
        return count;
    }
}
