// The Tensor: a contiguous, row-major block of one dtype with a shape, and the autograd
// fields the engine fills in. Ops are attached as methods by the autograd layer.
import { DTypeError, IndexError, ValueError, describeValue, fmtShape } from "../errors.js";
import { isDType, isFloating, type DType, type TypedArray } from "./dtype.js";
import { checkShape, numel, type Shape } from "./shape.js";

/**
 * A storage block. Several tensors may share one (reshape and view do not copy); every
 * in-place write bumps `version`, which lets autograd detect a saved tensor modified after
 * it was saved, and lets kernels cache work derived from a weight (packed panels).
 */
export interface Storage<A extends TypedArray = TypedArray> {
  readonly data: A;
  version: number;
  /**
   * How many times `Tensor.data` handed this array out (and so may have been written through),
   * counted apart from `version` so that reading never trips autograd's saved-tensor check.
   */
  exposures?: number;
}

/**
 * A number that changes whenever the contents of `t`'s storage may have changed: an in-place
 * op (version) or the array handed out by `.data` (exposures). Both only grow, so their sum
 * never comes back to a value a cache saw. Backends key derived data (packed weight panels)
 * on it; they read the array through `storage.data`, which does not count.
 */
export function contentVersion(t: Tensor): number {
  return t.storage.version + (t.storage.exposures ?? 0);
}

/** What a tensor knows of the autograd node that produced it; the autograd layer implements it. */
export interface GradNode {
  /** PyTorch's name of the backward function, e.g. `"AddBackward0"`. */
  readonly name: string;
}

export class Tensor {
  /** Sizes of each dimension; `[]` for a 0-dimensional (scalar) tensor. */
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly storage: Storage;
  /** Gradient accumulated by `backward()`, for leaves that require grad (and retained non-leaves). */
  grad: Tensor | null = null;
  /** The node that produced this tensor, or null for a leaf. */
  gradFn: GradNode | null = null;
  /** Which output of `gradFn` this tensor is. */
  outputNr = 0;
  /** Whether a non-leaf keeps its `.grad` (see `retainGrad()`). */
  retainsGrad = false;
  #requiresGrad = false;

  constructor(storage: Storage, shape: Shape, dtype: DType, requiresGrad = false) {
    if (!ArrayBuffer.isView((storage as Partial<Storage> | null)?.data)) {
      throw new ValueError("Tensor", `storage must be { data: a typed array, version } (got ${describeValue(storage)}); create tensors with tensor(), zeros() or fromData()`, {
        expected: "Storage", actual: storage,
      });
    }
    if (!isDType(dtype)) throw new DTypeError("Tensor", `unknown dtype ${describeValue(dtype)}`, { expected: "a DType", actual: dtype });
    checkShape("Tensor", shape);
    this.storage = storage;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    if (storage.data.length !== numel(shape)) {
      throw new IndexError("Tensor", `storage of ${storage.data.length} elements does not fit shape ${fmtShape(shape)}`, {
        expected: numel(shape), actual: storage.data.length,
      });
    }
    if (requiresGrad) this.requiresGrad = true;
  }

  /**
   * The elements, row-major. Writing through it bypasses autograd, as PyTorch's `.data` does
   * (a tensor saved for backward and then written this way is not detected). Every access
   * counts as a possible write for backends that keep derived data (packed weight panels), so
   * `p.data.fill(0)` is seen by the next call on every backend; keep the array only as long as
   * you write into it before the next op.
   */
  get data(): TypedArray {
    const s = this.storage;
    s.exposures = (s.exposures ?? 0) + 1;
    return s.data;
  }

  get requiresGrad(): boolean {
    return this.#requiresGrad;
  }

  set requiresGrad(flag: boolean) {
    if (flag && !isFloating(this.dtype)) {
      throw new DTypeError("requiresGrad", `only tensors of floating point dtype can require gradients (got ${this.dtype})`, {
        expected: "float32 or float64", actual: this.dtype,
      });
    }
    if (!flag && this.gradFn !== null) {
      throw new ValueError("requiresGrad", "you can only change requiresGrad of leaf tensors; use detach() for a non-leaf");
    }
    this.#requiresGrad = flag;
  }

  /** Sets `requiresGrad` in place and returns the tensor, like `requires_grad_()`. */
  requiresGrad_(flag = true): this {
    this.requiresGrad = flag;
    return this;
  }

  /** A leaf was made by the user, not by an op that records a graph. */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  get ndim(): number {
    return this.shape.length;
  }

  numel(): number {
    return this.storage.data.length;
  }

  dim(): number {
    return this.shape.length;
  }

  /** The shape, or the size of one dimension (negative dims count from the end). */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    if (dim === undefined) return [...this.shape];
    const n = this.shape.length;
    if (!Number.isInteger(dim) || dim < -n || dim >= n) {
      throw new IndexError("size", `dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`, {
        expected: [-n, n - 1], actual: dim,
      });
    }
    return this.shape[dim < 0 ? dim + n : dim]!;
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.numel() !== 1) {
      throw new ValueError("item", `a tensor with ${this.numel()} elements cannot be converted to a scalar`, {
        expected: 1, actual: this.numel(),
      });
    }
    return this.storage.data[0]!;
  }

  /** Nested arrays of numbers (booleans for bool tensors); a number for a 0-d tensor. */
  tolist(): NestedArray {
    const d = this.storage.data;
    const asValue = this.dtype === "bool" ? (i: number) => d[i] !== 0 : (i: number) => d[i]!;
    if (this.shape.length === 0) return asValue(0);
    const build = (dim: number, offset: number, stride: number): NestedArray[] => {
      const size = this.shape[dim]!;
      const inner = stride / Math.max(size, 1);
      const out: NestedArray[] = [];
      for (let i = 0; i < size; i++) {
        out.push(dim === this.shape.length - 1 ? asValue(offset + i) : build(dim + 1, offset + i * inner, inner));
      }
      return out;
    };
    return build(0, 0, this.numel());
  }

  /** Marks a non-leaf tensor to keep its `.grad` after backward. */
  retainGrad(): this {
    if (!this.requiresGrad) {
      throw new ValueError("retainGrad", "can't retain grad on a tensor that doesn't require grad");
    }
    if (!this.isLeaf) this.retainsGrad = true;
    return this;
  }
}

export type NestedArray = number | boolean | NestedArray[];

/** Wraps a storage array in a new tensor (no copy). */
export function fromData(data: TypedArray, shape: Shape, dtype: DType, requiresGrad = false): Tensor {
  return new Tensor({ data, version: 0 }, shape, dtype, requiresGrad);
}
