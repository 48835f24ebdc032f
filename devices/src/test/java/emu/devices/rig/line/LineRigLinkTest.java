package emu.devices.rig.line;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.devices.rig.RigDisconnectedException;
import emu.devices.rig.RigFault;
import emu.devices.rig.RigPortBusyException;
import emu.devices.rig.SerialPortLink;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The link itself over real ptys: the firmware process killed mid-command (the pty vanishes, as a
 * USB serial device does), reconnecting when it is back, and a second process finding the port
 * busy. The firmware process and socat are tied both ways round: socat runs the firmware on its
 * stdin/stdout ({@code --stdio}), or the firmware runs socat ({@code --link}); either way the pty
 * ends with the firmware.
 */
class LineRigLinkTest {
    @TempDir Path dir;
    private PtyBridge bridge;
    private Process firmware;
    private LineRig rig;

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (rig != null) rig.close();
        } finally {
            stopFarEnd();
        }
    }

    private void stopFarEnd() throws InterruptedException {
        if (bridge != null) bridge.close();
        if (firmware != null) {
            firmware.descendants().forEach(ProcessHandle::destroyForcibly);
            firmware.destroyForcibly();
            firmware.waitFor(5, TimeUnit.SECONDS);
        }
        bridge = null;
        firmware = null;
    }

    /** Starts the firmware behind a pty at {@code port}; returns the process to kill. */
    private ProcessHandle startFarEnd(String mode, Path port, String... args) throws Exception {
        List<String> extra = new java.util.ArrayList<>(List.of(args));
        if (mode.equals("socat-runs-firmware")) {
            extra.add(0, "--stdio");
            bridge = PtyBridge.exec(port, FirmwareProcess.firmware(extra.toArray(String[]::new)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (true) { // socat creates the pty, then forks the firmware
                java.util.Optional<ProcessHandle> child = bridge.process().descendants().findFirst();
                if (child.isPresent()) return child.get();
                assertTrue(System.nanoTime() < deadline, "socat did not start the firmware");
                Thread.sleep(10);
            }
        }
        extra.addAll(0, List.of("--link", port.toString()));
        firmware = new ProcessBuilder(FirmwareProcess.firmware(extra.toArray(String[]::new)))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!java.nio.file.Files.exists(port)) {
            assertTrue(firmware.isAlive() && System.nanoTime() < deadline, "firmware did not create " + port);
            Thread.sleep(20);
        }
        return firmware.toHandle();
    }

    private LineRig openRig(Path port) throws Exception {
        String device = "serial-line:" + port;
        rig = LineRig.open(device, () -> SerialPortLink.open(device, port.toString(), 115200),
                LineRig.Options.defaults().withRequestTimeout(Duration.ofSeconds(10)));
        return rig;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @ParameterizedTest
    @ValueSource(strings = {"socat-runs-firmware", "firmware-runs-socat"})
    void firmwareKilledMidCommandIsADeviceFaultWithinOneSecondWithoutSpinningThenReconnects(String mode) throws Exception {
        Path port = dir.resolve("rig");
        // PRESET takes 3 s on this firmware, so the kill lands while the command is in flight
        ProcessHandle firmwareProcess = startFarEnd(mode, port, "--drive-delay-ms", "3000");
        openRig(port);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong failedAt = new AtomicLong();
        Thread command = new Thread(() -> {
            try {
                rig.setPreset("A");
            } catch (Throwable t) {
                failedAt.set(System.nanoTime());
                failure.set(t);
            }
        });
        command.start();
        Thread.sleep(300);
        long killedAt = System.nanoTime();
        long cpuAtKill = processCpuNanos();
        assertTrue(firmwareProcess.destroyForcibly());
        command.join(5000);
        Thread.sleep(Math.max(0, 1000 - (System.nanoTime() - killedAt) / 1_000_000));
        long cpuSecond = processCpuNanos() - cpuAtKill;
        long detectMs = (failedAt.get() - killedAt) / 1_000_000;
        System.out.printf("rig link loss (%s): detected after %d ms; process CPU in the second after the kill: %d ms%n",
                mode, detectMs, cpuSecond / 1_000_000);

        RigDisconnectedException e = assertInstanceOf(RigDisconnectedException.class, failure.get());
        assertEquals(java.util.Set.of(RigFault.LINK), e.faults());
        assertTrue(e.getMessage().startsWith("rig serial-line:" + port + ": link lost during PRESET A"), e.getMessage());
        assertTrue(detectMs < 1000, "detected in " + detectMs + " ms");
        // the jSerialComm disconnect busy loop burns a whole core; idle polling costs a few ms
        assertTrue(cpuSecond < 300_000_000L, "CPU in the second after the kill: " + cpuSecond / 1_000_000 + " ms");
        assertFalse(rig.connected());
        assertThrows(RigDisconnectedException.class, () -> rig.status());

        stopFarEnd();
        startFarEnd(mode, port, "--presets", "D65,F11");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!rig.connected() && System.nanoTime() < deadline) Thread.sleep(50);
        assertTrue(rig.connected(), "reconnected to the restarted firmware");
        assertEquals(List.of("D65", "F11"), rig.presets());
    }

    @Test
    void aSecondProcessOpeningThePortIsToldItIsBusy() throws Exception {
        Path port = dir.resolve("rig");
        startFarEnd("firmware-runs-socat", port);
        openRig(port);
        Process probe = new ProcessBuilder(FirmwareProcess.java(OpenProbeMain.class.getName(), port.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out;
        try {
            out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(probe.waitFor(20, TimeUnit.SECONDS));
        } finally {
            probe.destroyForcibly();
        }
        assertEquals(1, probe.exitValue());
        assertEquals("RigPortBusyException: rig serial-line:" + port + ": serial port " + port
                + " is busy: another process has it open (stop it, e.g. a running station daemon, then retry)", out);
        assertNotNull(rig.identify(), "the first owner keeps working");
        // and in the same process, a second rig object on the same port is refused the same way
        RigPortBusyException same = assertThrows(RigPortBusyException.class, () -> SerialPortLink.open("x", port.toString(), 115200));
        assertEquals("rig x: serial port " + port + " is busy: this process already has it open", same.getMessage());
    }
}
