// What the formatters need to know about a tensor, decoupled from the Tensor
// class so formatting never imports the autograd graph (and never cycles).

export type DType = "float32" | "float64" | "int64" | "bool";

/** A host-side snapshot of a tensor, taken after an (asynchronous) read. */
export interface TensorView {
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** Contiguous row-major values; bool tensors hold 0/1. */
  readonly data: ArrayLike<number>;
  readonly requiresGrad: boolean;
  /** PyTorch's node name, e.g. "AddmmBackward0", or null for leaves / no grad. */
  readonly gradFn: string | null;
  /** A non-"cpu" device is printed as `device='cuda:0'`. */
  readonly device: string;
}

/** torch.set_printoptions state. */
export interface PrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  sciMode: boolean | null;
}
