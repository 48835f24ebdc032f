import emu.calibration.io.ImageFiles;
import java.nio.file.Path;

/** Bench helper: rewrites a TIFF with the JDK's TIFF writer (what ImageFiles.write uses). Usage: JdkTiff IN OUT */
public final class JdkTiff {
    public static void main(String[] args) throws Exception {
        ImageFiles.write(ImageFiles.read(Path.of(args[0])), Path.of(args[1]));
    }
}
