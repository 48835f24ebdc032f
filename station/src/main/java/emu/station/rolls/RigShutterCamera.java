package emu.station.rolls;

import emu.devices.rig.IlluminantRig;
import emu.station.store.FilmShootRepository.Trigger;
import emu.station.store.ProfilingSetRepository.PlanStep;
import emu.station.store.RollRepository.Frame;
import emu.station.store.RollRepository.Roll;
import emu.station.store.Store;
import java.time.Duration;
import java.time.Instant;

/**
 * A real film camera: with the rig-shutter trigger the rig's shutter-release output fires it (a
 * pulse of the configured length); with the operator trigger the operator already has. The frame
 * is recorded as shot now.
 */
public final class RigShutterCamera implements FilmCamera {
    private final Store store;
    private final IlluminantRig rig;
    private final Duration pulse;

    public RigShutterCamera(Store store, IlluminantRig rig, Duration pulse) {
        this.store = store;
        this.rig = rig;
        this.pulse = pulse;
    }

    @Override
    public Frame expose(Roll roll, PlanStep step, int number) throws Exception {
        if (roll.settings().trigger() == Trigger.RIG_SHUTTER) {
            rig.pulseShutter(pulse);
        }
        return store.rolls().addFrame(roll.id(), number, step.id(), Instant.now());
    }
}
