// The CPU backend: synchronous kernels over typed arrays; reads resolve at once.

import type { Backend, DType, HostArray, Layout, Storage } from "../backend.js";
import { binary, fill, powScalar, readContiguous, unary, where, writeHost } from "./elementwise.js";
import { nllLoss, nllLossBackward } from "./loss.js";
import { matmul } from "./matmul.js";
import { reduce, softmax, softmaxBackward } from "./reduce.js";
import { CpuStorage, newArray, numel } from "./storage.js";
import { col2im, im2col, maxPool2d, maxPool2dBackward } from "./window.js";
import { put, take } from "./indexing.js";
import { cumsumKernel, sortKernel } from "./sort.js";

export { CpuStorage } from "./storage.js";

export class CpuBackend implements Backend {
  readonly name = "cpu";
  alloc(dtype: DType, size: number): Storage {
    return new CpuStorage(dtype, newArray(dtype, size));
  }
  fromHost(dtype: DType, values: ArrayLike<number>): Storage {
    const a = newArray(dtype, values.length);
    for (let i = 0; i < values.length; i++) a[i] = values[i]!;
    return new CpuStorage(dtype, a);
  }
  read(src: Layout): Promise<HostArray> {
    return Promise.resolve(readContiguous(src, newArray(src.dtype, numel(src.sizes))));
  }
  fill = fill;
  unary = unary;
  powScalar = powScalar;
  binary = binary;
  where = where;
  reduce = reduce;
  matmul = matmul;
  softmax = softmax;
  softmaxBackward = softmaxBackward;
  nllLoss = nllLoss;
  nllLossBackward = nllLossBackward;
  im2col = im2col;
  col2im = col2im;
  maxPool2d = maxPool2d;
  maxPool2dBackward = maxPool2dBackward;
  writeHost = writeHost;
  take = take;
  put = put;
  sort = sortKernel;
  cumsum = cumsumKernel;
  readSync(src: Layout): HostArray {
    return readContiguous(src, newArray(src.dtype, numel(src.sizes)));
  }
}

/** Direct host access for CPU-only helpers (init code, tests). */
export function hostArray(storage: Storage): HostArray | null {
  return storage instanceof CpuStorage ? storage.data : null;
}
