// Dropout and Sequential: modules with no parameters of their own.
import type { Tensor } from "../tensor/tensor.js";
import { checkDropoutP, dropout } from "./functional/dropout.js";
import { Module } from "./module.js";

/** Zeroes elements with probability p in training mode; the identity in eval mode. Shapes: any → same. */
export class Dropout extends Module {
  readonly p: number;

  constructor(p = 0.5) {
    super();
    checkDropoutP("Dropout", p);
    this.p = p;
  }

  forward(x: Tensor): Tensor {
    return dropout(x, this.p, this.training);
  }

  override extraRepr(): string {
    return `p=${this.p}, inplace=False`;
  }
}

/** A module whose forward takes and returns one tensor. */
export interface TensorModule extends Module {
  forward(x: Tensor): Tensor;
}

/** Runs modules in order, each on the output of the one before; children are named "0", "1", …. */
export class Sequential extends Module {
  // Private, so the array is not adopted as a child of its own (the children are "0", "1", …).
  readonly #layers: readonly TensorModule[];

  constructor(...layers: TensorModule[]) {
    super();
    this.#layers = layers;
    layers.forEach((m, i) => this.registerModule(String(i), m));
  }

  get layers(): readonly TensorModule[] {
    return this.#layers;
  }

  forward(x: Tensor): Tensor {
    return this.#layers.reduce((h, m) => m.forward(h), x);
  }
}
