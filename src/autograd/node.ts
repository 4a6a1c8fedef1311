// One recorded op application: the record that knows how to differentiate it, the inputs it
// read, what its forward saved, and the shapes of its outputs.
import { AutogradError } from "../errors.js";
import type { DType } from "../tensor/dtype.js";
import type { GradNode, Tensor } from "../tensor/tensor.js";

/** What an op's forward keeps for its backward; saved tensors are checked for in-place edits. */
export class Ctx {
  /** Which inputs need a gradient (the backward may skip the others). */
  readonly needsInputGrad: readonly boolean[];
  /** Shapes of the inputs, for gradients that must be expanded or scattered back. */
  readonly inputShapes: readonly (readonly number[])[];
  #saved: Tensor[] = [];
  #versions: number[] = [];
  #released = false;
  #values: Record<string, unknown> = {};
  private readonly opName: string;

  /** Whether this application is recorded in the graph (the forward may skip saving otherwise). */
  readonly recording: boolean;

  constructor(opName: string, inputs: readonly Tensor[], recording: boolean) {
    this.opName = opName;
    this.recording = recording;
    this.needsInputGrad = inputs.map((t) => t.requiresGrad);
    this.inputShapes = inputs.map((t) => t.shape);
  }

  save(...tensors: Tensor[]): void {
    for (const t of tensors) {
      this.#saved.push(t);
      this.#versions.push(t.storage.version);
    }
  }

  /** Non-tensor values the forward computed for the backward (indices, sizes, a workspace). */
  get values(): Record<string, unknown> {
    this.#checkLive();
    return this.#values;
  }

  #checkLive(): void {
    if (this.#released) {
      throw new AutogradError(this.opName, "trying to backward through the graph a second time (or to use saved " +
        "tensors after they were freed); pass { retainGraph: true } to the first backward() if you need to");
    }
  }

  get saved(): readonly Tensor[] {
    this.#checkLive();
    this.#saved.forEach((t, i) => {
      if (t.storage.version !== this.#versions[i]) {
        throw new AutogradError(this.opName, `a tensor of shape [${t.shape.join(",")}] needed for gradient computation ` +
          `was modified by an in-place operation (version ${this.#versions[i]} when saved, now ${t.storage.version})`, {
          expected: this.#versions[i], actual: t.storage.version,
        });
      }
    });
    return this.#saved;
  }

  get released(): boolean {
    return this.#released;
  }

  release(): void {
    this.#saved = [];
    this.#values = {};
    this.#released = true;
  }
}

export interface OutputMeta {
  readonly shape: readonly number[];
  readonly dtype: DType;
}

export class Node implements GradNode {
  constructor(
    readonly name: string,
    /** The op's tensor inputs, in order; gradients flow to those that require grad. */
    readonly inputs: readonly Tensor[],
    readonly ctx: Ctx,
    readonly outputs: readonly OutputMeta[],
    /** Gradients of the inputs from gradients of the outputs (null where an output got none). */
    readonly backward: (grads: readonly (Tensor | null)[]) => readonly (Tensor | null | undefined)[],
  ) {}
}
