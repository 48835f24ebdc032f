package emu.station.rolls;

import emu.station.store.ProfilingSetRepository.PlanStep;
import emu.station.store.RollRepository.Frame;
import emu.station.store.RollRepository.Roll;

/**
 * The film camera as the film shoot sees it: fire it for a plan step, the light being set and
 * settled, and record the frame. A real camera is fired through the rig's shutter output or by the
 * operator ({@link RigShutterCamera}); on the virtual bench the simulated camera exposes the frame
 * (built by the device wiring, the one place that knows the simulators).
 */
public interface FilmCamera {
    /**
     * Fires the roll's camera for {@code step} as frame {@code number} and records the frame.
     * With the operator trigger the operator has pressed the shutter already.
     *
     * @return the frame recorded (its number may differ from {@code number} when the camera counts)
     */
    Frame expose(Roll roll, PlanStep step, int number) throws Exception;
}
