package emu.calibration.fit;

import emu.calibration.io.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import emu.calibration.color.LogShaper;
import emu.calibration.io.AtomicFiles;
import emu.calibration.pairs.PairSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The MLP's network ({@link MlpFitter} trains it): how it is built, the lock that lets one thread of the process at a
 * time into nd4j ({@link #NATIVE}), the standardisation of its shaped inputs ({@link Scaler}), and the fitted network
 * as a model ({@link MlpModel}: predictions, and its file {@code mlp.zip}).
 */
final class MlpNetwork {
    /**
     * Held around every use of nd4j by the MLP ({@link MlpFitter}'s training; here prediction, saving, loading), so
     * that one thread of the process at a time runs DL4J. nd4j 1.0.0-M2.1 crashed the JVM (SIGSEGV in {@code sd::DataBuffer::primary()} under
     * {@code execBroadcast}) while two cross-validation folds trained networks on two threads at once; a garbage
     * collection another thread causes while one is inside native code can free an nd4j buffer that only the
     * native call still uses (the op's temporaries are unreachable from Java by then), and nd4j's maintainers fixed
     * such use-after-free bugs only after M2.1 (deeplearning4j PRs 10349, 10353). bench/mlp-crash.sh measures it
     * (bench/RESULTS.md, "The MLP's native crash"). Each fit is seeded on its own, so the models are the same.
     */
    static final Object NATIVE = new Object();

    private MlpNetwork() {}

    /**
     * A new network: {@code depth} dense layers of {@code width} units and {@code activation} on {@code nIn} inputs,
     * a sigmoid output of the three film values on mean squared error, Adam at {@code lr} with weight decay {@code
     * decay}, Xavier initial weights drawn from {@code seed} (nd4j's generator seeded first). The caller holds
     * {@link #NATIVE}.
     */
    static MultiLayerNetwork build(int nIn, int depth, int width, Activation activation, double lr, double decay,
                                   long seed) {
        Nd4j.getRandom().setSeed(seed);
        NeuralNetConfiguration.ListBuilder lb = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(lr))
                .weightDecay(decay)
                .weightInit(WeightInit.XAVIER)
                .list();
        int in = nIn;
        for (int d = 0; d < depth; d++) {
            lb.layer(new DenseLayer.Builder().nIn(in).nOut(width).activation(activation).build());
            in = width;
        }
        lb.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(in).nOut(3)
                .activation(Activation.SIGMOID).build());
        MultiLayerConfiguration conf = lb.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
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

    /** The fitted network; predictions hold {@link MlpNetwork#NATIVE} (a DL4J network is not thread-safe either). */
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

        /** The network a model file names ({@code mlp.zip} beside it, {@link #toJson}), restored holding the lock. */
        static MlpModel fromJson(JsonNode node, Path dir) throws IOException {
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
