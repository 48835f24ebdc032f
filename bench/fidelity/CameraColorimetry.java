import emu.calibration.color.Cielab;
import emu.calibration.color.DeltaE;
import emu.calibration.color.Matrices;
import emu.calibration.color.RgbSpace;
import emu.devices.sim.digital.DigitalCameraModel;
import emu.devices.sim.spectral.*;
import java.util.List;
import java.util.ArrayList;
/**
 * How colorimetric each simulated camera is (bench/fidelity/camera.sh colorimetry): the 24 + 190 reflectances at EV 0
 * through the camera's whole pipeline (metering, fixed D65 white balance, its fitted matrix), against their CIE 1931
 * colorimetry under the same light scaled as the metering scales (an 18% grey reads luminance 0.18), mean and maximum
 * CIEDE2000. Under D65 this is the matrix's residual: how far the sensor is from the Luther condition.
 */
public class CameraColorimetry {
  public static void main(String[] a) {
    List<Spectrum> ps = new ArrayList<>();
    PatchSet.colorChecker24().patches().forEach(p -> ps.add(p.reflectance()));
    PatchSet.ampas190().patches().forEach(p -> ps.add(p.reflectance()));
    double[] m = RgbSpace.REC709.fromXyz(); double[] toX = RgbSpace.REC709.toXyz(); double[] w = RgbSpace.REC709.whiteXyz();
    for (String n : DigitalCameraModel.names()) {
      DigitalCameraModel c = DigitalCameraModel.named(n);
      for (String L : new String[]{"D65","D50"}) {
      Illuminant il = Illuminants.get(L);
      double s = 0, mx = 0;
      for (Spectrum r : ps) {
        double[] cam = c.capture(r, il, 0, null, 1);
        double[] t = Matrices.apply(m, Observer.xyz(r, il.spd()));
        double[] tg = Matrices.apply(m, Observer.xyz(Spectrum.constant(0.18), il.spd()));
        // scale truth so 18% grey reads luminance 0.18 as the camera's metering does
        double y = 0.2126*tg[0]+0.7152*tg[1]+0.0722*tg[2]; for (int i=0;i<3;i++) t[i]*=0.18/y;
        double d = DeltaE.CIEDE2000.between(Cielab.fromXyz(Matrices.apply(toX, cam), w),0,Cielab.fromXyz(Matrices.apply(toX, t), w),0);
        s += d; mx = Math.max(mx, d);
      }
      System.out.printf("%s %s: 214 patches, camera vs CIE colorimetry (fixed D65 WB+matrix) mean dE2000 %.2f max %.2f%n", n, L, s/ps.size(), mx);
      }
    }
  }
}
