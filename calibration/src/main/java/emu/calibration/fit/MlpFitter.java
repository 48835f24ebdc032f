package emu.calibration.fit;

import emu.calibration.io.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.color.LogShaper;
import emu.calibration.io.AtomicFiles;
import emu.calibration.pairs.Pair;
import emu.calibration.pairs.PairSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

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
 * {@code validation} (fraction of patches, 0.15). Set {@code OMP_NUM_THREADS=1} (STACK.md).
 */
final class MlpFitter implements Fitter {

    /**
     * Held around every use of nd4j here (training, prediction, saving, loading), so that one thread of the process
     * at a time runs DL4J. nd4j 1.0.0-M2.1 crashed the JVM (SIGSEGV in {@code sd::DataBuffer::primary()} under
     * {@code execBroadcast}) while two cross-validation folds trained networks on two threads at once; a garbage
     * collection another thread causes while one is inside native code can free an nd4j buffer that only the
     * native call still uses (the op's temporaries are unreachable from Java by then), and nd4j's maintainers fixed
     * such use-after-free bugs only after M2.1 (deeplearning4j PRs 10349, 10353). bench/mlp-crash.sh measures it
     * (bench/RESULTS.md, "The MLP's native crash"). Each fit is seeded on its own, so the models are the same.
     */
    static final Object NATIVE = new Object();

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
    public FittedModel fit(PairSet pairs, FitOptions o) {
        synchronized (NATIVE) {
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
        Activation act;
        try {
            act = Activation.valueOf(o.text("activation", "tanh").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("candidate '" + o.spec() + "': unknown activation '"
                    + o.text("activation", "") + "'");
        }
        if (depth < 1 || width < 1 || epochs < 1 || batch < 1) {
            throw new IllegalArgumentException("candidate '" + o.spec() + "': depth, width, epochs, batch must be >= 1");
        }
        if (o.perLightTerms()) {
            throw new IllegalArgumentException("candidate '" + o.spec() + "': mlp takes illuminant=per or conditional");
        }
        boolean conditional = o.illuminants() != null;
        int nIn = conditional ? 5 : 3;
        Scaler scaler = Scaler.of(pairs);

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

        Nd4j.getRandom().setSeed(o.seed());
        NeuralNetConfiguration.ListBuilder lb = new NeuralNetConfiguration.Builder()
                .seed(o.seed())
                .updater(new Adam(lr))
                .weightDecay(decay)
                .weightInit(WeightInit.XAVIER)
                .list();
        int in = nIn;
        for (int d = 0; d < depth; d++) {
            lb.layer(new DenseLayer.Builder().nIn(in).nOut(width).activation(act).build());
            in = width;
        }
        lb.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(in).nOut(3)
                .activation(Activation.SIGMOID).build());
        MultiLayerConfiguration conf = lb.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

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
        return new MlpModel(o.spec(), net, scaler, o.illuminants(), pairs.illuminants());
    }

    private static float[] features(PairSet pairs, Scaler s, IlluminantFeatures lights) {
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
        Path file = dir.resolve(Json.required(node, "network").asText());
        if (!Files.isRegularFile(file)) {
            throw new IOException("model file: network " + file + " is missing");
        }
        MultiLayerNetwork net;
        synchronized (NATIVE) {
            net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        }
        List<String> trained = new ArrayList<>();
        Json.required(node, "trained").forEach(t -> trained.add(t.asText()));
        JsonNode il = node.get("illuminants");
        return new MlpModel(node.path("spec").asText(), net, Scaler.fromJson(Json.required(node, "scaler")),
                il == null ? null : IlluminantFeatures.fromJson(il), trained);
    }

    /** Standardisation of the shaped inputs. */
    record Scaler(double[] mean, double[] std) {
        static Scaler of(PairSet pairs) {
            double[] d = pairs.digital();
            int n = pairs.size();
            double[] mean = new double[3];
            double[] sq = new double[3];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 3; c++) {
                    double v = LogShaper.DEFAULT.forward(d[3 * i + c]);
                    mean[c] += v;
                    sq[c] += v * v;
                }
            }
            double[] std = new double[3];
            for (int c = 0; c < 3; c++) {
                mean[c] /= n;
                std[c] = Math.sqrt(Math.max(sq[c] / n - mean[c] * mean[c], 1e-12));
            }
            return new Scaler(mean, std);
        }

        void write(double[] d, int o, float[] out, int off) {
            for (int c = 0; c < 3; c++) {
                out[off + c] = (float) ((LogShaper.DEFAULT.forward(d[o + c]) - mean[c]) / std[c]);
            }
        }

        ObjectNode toJson() {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            Json.putArray(n, "mean", mean);
            Json.putArray(n, "std", std);
            return n;
        }

        static Scaler fromJson(JsonNode n) {
            return new Scaler(Json.doubles(n.get("mean")), Json.doubles(n.get("std")));
        }
    }

    /** The fitted network; predictions hold {@link #NATIVE} (a DL4J network is not thread-safe either). */
    static final class MlpModel implements FittedModel {
        private final String spec;
        private final MultiLayerNetwork net;
        private final Scaler scaler;
        private final IlluminantFeatures lights;
        private final List<String> trained;

        MlpModel(String spec, MultiLayerNetwork net, Scaler scaler, IlluminantFeatures lights, List<String> trained) {
            this.spec = spec;
            this.net = net;
            this.scaler = scaler;
            this.lights = lights;
            this.trained = List.copyOf(trained);
        }

        @Override
        public double[] predict(double[] digitalRgb, String illuminant) {
            if (digitalRgb.length % 3 != 0) {
                throw new IllegalArgumentException("digital RGB length " + digitalRgb.length + " is not a multiple of 3");
            }
            int n = digitalRgb.length / 3;
            int nIn = lights == null ? 3 : 5;
            double[] f = lights == null ? null : lights.feature(illuminant);
            float[] x = new float[n * nIn];
            for (int i = 0; i < n; i++) {
                scaler.write(digitalRgb, 3 * i, x, i * nIn);
                if (f != null) {
                    x[i * nIn + 3] = (float) f[0];
                    x[i * nIn + 4] = (float) f[1];
                }
            }
            float[] y;
            synchronized (NATIVE) {
                y = net.output(Nd4j.create(x, new long[] {n, nIn}, 'c'), false).dup('c').data().asFloat();
            }
            double[] out = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                out[i] = y[i];
            }
            return out;
        }

        @Override
        public List<String> illuminants() {
            return trained;
        }

        @Override
        public String spec() {
            return spec;
        }

        @Override
        public ObjectNode toJson(Path dir) throws IOException {
            String file = "mlp.zip";
            AtomicFiles.write(dir.resolve(file), out -> {
                synchronized (NATIVE) {
                    ModelSerializer.writeModel(net, out, false);
                }
            });
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("type", "mlp");
            o.put("spec", spec);
            o.put("network", file);
            o.set("scaler", scaler.toJson());
            o.putPOJO("trained", trained);
            if (lights != null) {
                o.set("illuminants", lights.toJson());
            }
            return o;
        }
    }
}
