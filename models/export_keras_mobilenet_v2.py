#!/usr/bin/env python3
"""Exports Keras MobileNetV2 (ImageNet weights) to ONNX with the names the pipeline expects.

Run once, on any machine with Python and internet access (the pipeline itself needs no Python):

    python3 -m venv /tmp/export && . /tmp/export/bin/activate
    pip install "tensorflow==2.15.*" "tf2onnx==1.16.*"
    python3 models/export_keras_mobilenet_v2.py models/mobilenet_v2_1.0_224.onnx

The result has input `input` float32 [N,224,224,3] (NHWC, RGB, scaled x/127.5 - 1 like
keras.applications.mobilenet_v2.preprocess_input) and outputs `features` [N,1280] (the global
average pool, the penultimate layer) and `probabilities` [N,1000] (Keras' head has no
background class, unlike the 1001-class test model in ../shared/models).
"""
import sys

import tensorflow as tf
import tf2onnx


def main(path):
    base = tf.keras.applications.MobileNetV2(weights="imagenet", include_top=True,
                                             input_shape=(224, 224, 3))
    pooled = base.get_layer("global_average_pooling2d").output
    features = tf.keras.layers.Activation("linear", name="features")(pooled)
    probabilities = tf.keras.layers.Activation("linear", name="probabilities")(base.output)
    model = tf.keras.Model(base.input, [features, probabilities])
    signature = [tf.TensorSpec([None, 224, 224, 3], tf.float32, name="input")]
    tf2onnx.convert.from_keras(model, input_signature=signature, opset=13, output_path=path)
    print("wrote", path)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "mobilenet_v2_1.0_224.onnx")
