package emu.calibration.fit;

import com.fasterxml.jackson.databind.JsonNode;
import emu.calibration.pairs.PairSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A multilayer perceptron on DeepLearning4J: shaped digital RGB (stops, standardised) plus, in
 * conditional mode, the illuminant feature in; film values out through a sigmoid (film values
 * live in 0..1 and saturate like the sigmoid does).
 *
 * <p>Trained with Adam (Kingma &amp; Ba 2015) on mean squared film-value error, L2 weight decay,
 * minibatches drawn from a Java-side permutation (STACK.md: DataSet.shuffle/batchBy cost 3x
 * the fit), and early stopping on a validation split of whole patches, keeping the best
 * epoch's weights. Parameters: {@code depth} (hidden layers, 2), {@code width} (32),
 * {@code activation} (tanh; any DL4J Activation name), {@code epochs} (200, and at most
 * {@code steps} (6000) minibatch steps in all), {@code batch} (256),
 * {@code lr} (3e-3), {@code decay} (weight decay, 1e-5), {@code patience} (20),
 * {@code validation} (fraction of patches, 0.15). Set {@code OMP_NUM_THREADS=1} (STACK.md). The network's construction,
 * the lock around nd4j, the inputs' standardisation and the fitted model: {@link MlpNetwork}.
 */
final class MlpFitter implements Fitter {

    /**
     * Expensive ({@link Fitter#expensive}, {@link Racing}): one network costs 8-19 s per fit on the bench's
     * training CSVs against 0.1-1.7 s for each other default candidate, 2.5 to 4 times all of them together
     * (the fit.log of each, bench/RESULTS.md, issue 24 session 9); in session 8's nine default fits it never
     * won nor joined a stack.
     */
    @Override
    public boolean expensive() {
        return true;
    }

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public java.util.Set<String> parameters() {
        return java.util.Set.of("activation", "batch", "decay", "depth", "epochs", "lr", "patience", "steps", "validation",
                "width");
    }

    @Override
    public void validate(FitOptions o) {
        activation(o);
        for (String key : new String[] {"depth", "width", "epochs", "batch", "patience", "steps"}) {
            o.require(o.integer(key, 1) >= 1, key + " must be at least 1, got " + o.text(key, ""));
        }
        double lr = o.number("lr", 3e-3);
        double decay = o.number("decay", 1e-5);
        double val = o.number("validation", 0.15);
        o.require(lr > 0 && Double.isFinite(lr), "lr must be > 0, got " + o.text("lr", ""));
        o.require(decay >= 0 && Double.isFinite(decay), "decay must be >= 0, got " + o.text("decay", ""));
        o.require(val >= 0 && val < 1, "validation must be in [0, 1), got " + o.text("validation", ""));
        o.require(!o.perLightTerms(), "mlp takes illuminant=per or conditional");
    }

    private static Activation activation(FitOptions o) {
        try {
            return Activation.valueOf(o.text("activation", "tanh").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("candidate '" + o.spec() + "': unknown activation '"
                    + o.text("activation", "") + "'");
        }
    }

    @Override
    public FittedModel fit(PairSet pairs, FitOptions o) {
        synchronized (MlpNetwork.NATIVE) {
            return fitAlone(pairs, o);
        }
    }

    private FittedModel fitAlone(PairSet pairs, FitOptions o) {
        int depth = o.integer("depth", 2);
        int width = o.integer("width", 32);
        int epochs = o.integer("epochs", 200);
        int batch = o.integer("batch", 256);
        int patience = o.integer("patience", 20);
        int maxSteps = o.integer("steps", 6000);
        double lr = o.number("lr", 3e-3);
        double decay = o.number("decay", 1e-5);
        double valFraction = o.number("validation", 0.15);
        validate(o);
        Activation act = activation(o);
        boolean conditional = o.illuminants() != null;
        int nIn = conditional ? 5 : 3;
        MlpNetwork.Scaler scaler = MlpNetwork.Scaler.of(pairs);

        // Validation split by whole patches, so early stopping measures generalisation to new colours.
        List<String> patches = new ArrayList<>(pairs.patches());
        Collections.shuffle(patches, new Random(o.seed()));
        Set<String> val = new HashSet<>(patches.subList(0, (int) Math.round(patches.size() * valFraction)));
        if (val.size() == patches.size()) {
            val.clear();
        }
        PairSet train = pairs.filter(p -> !val.contains(p.patch()));
        PairSet valid = pairs.filter(p -> val.contains(p.patch()));
        float[] xt = features(train, scaler, o.illuminants());
        float[] yt = labels(train);
        INDArray xv = valid.isEmpty() ? null : Nd4j.create(features(valid, scaler, o.illuminants()), new long[] {valid.size(), nIn}, 'c');
        INDArray yv = valid.isEmpty() ? null : Nd4j.create(labels(valid), new long[] {valid.size(), 3}, 'c');

        MultiLayerNetwork net = MlpNetwork.build(nIn, depth, width, act, lr, decay, o.seed());

        int n = train.size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        Random rnd = new Random(o.seed() ^ 0x5DEECE66DL);
        INDArray best = net.params().dup();
        double bestLoss = Double.POSITIVE_INFINITY;
        int sinceBest = 0;
        float[] bx = new float[batch * nIn];
        float[] by = new float[batch * 3];
        // Big sets would multiply the cost by their size at a fixed epoch count: cap the
        // gradient steps instead, so a 20k-pair fit costs what a 5k-pair one does.
        epochs = Math.min(epochs, Math.max(10, maxSteps / Math.max(1, (n + batch - 1) / batch)));
        for (int epoch = 0; epoch < epochs && sinceBest < patience; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            for (int s = 0; s < n; s += batch) {
                int m = Math.min(batch, n - s);
                for (int r = 0; r < m; r++) {
                    System.arraycopy(xt, perm[s + r] * nIn, bx, r * nIn, nIn);
                    System.arraycopy(yt, perm[s + r] * 3, by, r * 3, 3);
                }
                float[] fx = m == batch ? bx : java.util.Arrays.copyOf(bx, m * nIn);
                float[] fy = m == batch ? by : java.util.Arrays.copyOf(by, m * 3);
                net.fit(new DataSet(Nd4j.create(fx, new long[] {m, nIn}, 'c'), Nd4j.create(fy, new long[] {m, 3}, 'c')));
            }
            if (xv == null) {
                best = net.params().dup(); // no patches to spare: keep the last epoch
                continue;
            }
            double loss = net.output(xv, false).squaredDistance(yv) / yv.length();
            if (loss < bestLoss - 1e-7) {
                bestLoss = loss;
                best = net.params().dup();
                sinceBest = 0;
            } else {
                sinceBest++;
            }
        }
        net.setParams(best);
        return new MlpNetwork.MlpModel(o.spec(), net, scaler, o.illuminants(), pairs.illuminants());
    }

    private static float[] features(PairSet pairs, MlpNetwork.Scaler s, IlluminantFeatures lights) {
        int nIn = lights == null ? 3 : 5;
        float[] x = new float[pairs.size() * nIn];
        double[] d = pairs.digital();
        for (int i = 0; i < pairs.size(); i++) {
            s.write(d, 3 * i, x, i * nIn);
            if (lights != null) {
                double[] f = lights.feature(pairs.get(i).illuminant());
                x[i * nIn + 3] = (float) f[0];
                x[i * nIn + 4] = (float) f[1];
            }
        }
        return x;
    }

    private static float[] labels(PairSet pairs) {
        double[] f = pairs.film();
        float[] y = new float[f.length];
        for (int i = 0; i < f.length; i++) {
            y[i] = (float) f[i];
        }
        return y;
    }

    @Override
    public FittedModel fromJson(JsonNode node, Path dir) throws IOException {
        return MlpNetwork.MlpModel.fromJson(node, dir);
    }
}
