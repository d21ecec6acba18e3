package io.fruits.pipeline.model.onnx;

/**
 * The protobuf field numbers of the ONNX messages this package reads or writes, as declared in
 * {@code onnx/onnx.proto} (stable since IR version 3; ONNX never renumbers a field).
 */
final class OnnxFields {

  // ModelProto
  static final int MODEL_IR_VERSION = 1;
  static final int MODEL_PRODUCER_NAME = 2;
  static final int MODEL_PRODUCER_VERSION = 3;
  static final int MODEL_GRAPH = 7;
  static final int MODEL_OPSET_IMPORT = 8;
  static final int MODEL_METADATA_PROPS = 14;
  // StringStringEntryProto
  static final int ENTRY_KEY = 1;
  static final int ENTRY_VALUE = 2;
  // OperatorSetIdProto
  static final int OPSET_DOMAIN = 1;
  static final int OPSET_VERSION = 2;
  // GraphProto
  static final int GRAPH_NODE = 1;
  static final int GRAPH_NAME = 2;
  static final int GRAPH_INITIALIZER = 5;
  static final int GRAPH_INPUT = 11;
  static final int GRAPH_OUTPUT = 12;
  static final int GRAPH_VALUE_INFO = 13;
  // NodeProto
  static final int NODE_INPUT = 1;
  static final int NODE_OUTPUT = 2;
  static final int NODE_NAME = 3;
  static final int NODE_OP_TYPE = 4;
  static final int NODE_DOMAIN = 7;
  // TensorProto
  static final int TENSOR_DIMS = 1;
  static final int TENSOR_DATA_TYPE = 2;
  static final int TENSOR_NAME = 8;
  static final int TENSOR_RAW_DATA = 9;
  /** TensorProto.DataType FLOAT. */
  static final int FLOAT = 1;
  // ValueInfoProto
  static final int VALUE_NAME = 1;
  static final int VALUE_TYPE = 2;
  // TypeProto
  static final int TYPE_TENSOR = 1;
  // TypeProto.Tensor
  static final int TENSOR_TYPE_ELEMENT = 1;
  static final int TENSOR_TYPE_SHAPE = 2;
  // TensorShapeProto
  static final int SHAPE_DIM = 1;
  // TensorShapeProto.Dimension
  static final int DIM_VALUE = 1;
  static final int DIM_PARAM = 2;

  private OnnxFields() {}
}
