/**
 * The soak tests (issue 16), each a simulated stretch of unattended work with injected faults,
 * checking the data directory's invariants ({@code DataInvariants}) after each fault: SoakTest
 * (digital sets in-process on a tmpfs: rig refusal, full disk, stop/reopen, camera unplugged),
 * KillSoakTest (a real daemon JVM killed with SIGKILL), RigLineSoakTest (the serial-line rig on a socat
 * pty pair with garbage and silences), LabSoakTest (the simulated lab's offsets, doubles, skipped
 * frames, repeated deliveries). Test code only; it may import the station's workflows and store, the
 * devices' simulators (to inject faults), and reads the SQLite file with its own JDBC connection.
 */
package emu.station.soak;
