package emu.station.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import emu.station.store.AccountRepository.Role;
import emu.station.store.AccountRepository.User;
import emu.station.store.Store;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstRunAdminTest {
    @TempDir Path dir;

    @Test
    void theFirstRunCreatesAnAdminWithAOneTimePasswordAndLaterRunsDoNot() {
        try (Store store = Store.open(dir.resolve("station.db"))) {
            Optional<String> pw = Auth.firstRunAdmin(store.accounts());
            assertTrue(pw.isPresent());
            User admin = store.accounts().userByName(Auth.ADMIN).orElseThrow();
            assertEquals(Role.ADMIN, admin.role());
            assertTrue(Passwords.mustChange(admin.passwordHash()));
            assertTrue(Passwords.verify(pw.get().toCharArray(), admin.passwordHash()));
            assertTrue(!admin.passwordHash().contains(pw.get()), "only the hash is stored");
            assertEquals(Optional.empty(), Auth.firstRunAdmin(store.accounts()));
            assertEquals(1, store.accounts().userCount());
        }
    }
}
