import java.util.*;
/**
 * Virtual-bench pairs with the clipped readings kept (as an outside CSV may hold them): portrait-160 at nominal
 * development, the bench's camera, ColorChecker 24 + AMPAS 190 under D65, A and LED-B3 at EV -1..+3, seed 7 (what
 * FitCommandTest.bench(lights, true) makes). Usage: java -cp CP bench/fit/ClippedPairs.java OUT.csv
 */
public class ClippedPairs {
  public static void main(String[] a) throws Exception {
    var camera = emu.devices.sim.digital.DigitalCameraModel.nikonD5100();
    var roll = new emu.devices.sim.film.ProcessedRoll(emu.devices.sim.film.FilmStocks.get("portrait-160"),
        emu.devices.sim.film.Development.NOMINAL, emu.devices.sim.film.Scanner.labScanner());
    List<emu.devices.sim.spectral.PatchSet.Patch> patches = new ArrayList<>(emu.devices.sim.spectral.PatchSet.colorChecker24().patches());
    patches.addAll(emu.devices.sim.spectral.PatchSet.ampas190().patches());
    SplittableRandom rng = new SplittableRandom(7);
    StringBuilder b = new StringBuilder("frame,roll,illuminant,ev,patch,digital_r,digital_g,digital_b,film_r,film_g,film_b\n");
    for (String name : List.of("D65", "A", "LED-B3")) {
      var light = emu.devices.sim.spectral.Illuminants.get(name);
      for (int ev = -1; ev <= 3; ev++) for (var p : patches) {
        double[] raw = camera.raw(p.reflectance(), light, ev);
        double[] d = camera.toRec709(camera.expose(raw, rng, 400));
        double[] f = roll.scanPatch(p.reflectance(), light, ev, rng, 400);
        b.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%.7g,%.7g,%.7g,%.7g,%.7g,%.7g%n", "f" + (ev + 2), "r-" + name, name, (double) ev, p.id(), d[0], d[1], d[2], f[0], f[1], f[2]));
      }
    }
    java.nio.file.Files.writeString(java.nio.file.Path.of(a[0]), b.toString());
  }
}
