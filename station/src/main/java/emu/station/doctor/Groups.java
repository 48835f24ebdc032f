package emu.station.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The process's user and groups as the kernel sees them ({@code /proc/self/status}), and group
 * names from {@code /etc/group}: a user added to {@code dialout} only gains it in processes started
 * after the change, which is exactly what this reads.
 */
final class Groups {
    private final long uid;
    private final Set<Long> gids = new HashSet<>();

    private Groups(long uid) {
        this.uid = uid;
    }

    static Groups ofThisProcess() {
        try {
            Groups g = null;
            Set<Long> ids = new HashSet<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                String[] f = line.split("\\s+");
                if (line.startsWith("Uid:")) {
                    g = new Groups(Long.parseLong(f[1]));
                } else if (line.startsWith("Gid:")) {
                    ids.add(Long.parseLong(f[1]));
                } else if (line.startsWith("Groups:")) {
                    for (int i = 1; i < f.length; i++) {
                        ids.add(Long.parseLong(f[i]));
                    }
                }
            }
            if (g == null) {
                throw new IllegalStateException("no Uid line in /proc/self/status");
            }
            g.gids.addAll(ids);
            return g;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status: " + e.getMessage(), e);
        }
    }

    boolean root() {
        return uid == 0;
    }

    boolean in(String groupName) {
        return gid(groupName).map(gids::contains).orElse(false);
    }

    static Optional<Long> gid(String groupName) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/etc/group"));
            for (String l : lines) {
                String[] f = l.split(":", -1);
                if (f.length >= 3 && f[0].equals(groupName)) {
                    return Optional.of(Long.parseLong(f[2]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static String userName() {
        return System.getProperty("user.name", "the station's user");
    }
}
