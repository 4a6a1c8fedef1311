// MultiheadAttention's input checks and masks: the shapes torch 1.13's multi_head_attention_forward
// accepts (with kdim/vdim), and both masks merged into one additive mask, padded for bias_k/zero attention.
import { DTypeError, ShapeError, fmtShape } from "../errors.js";
import { add } from "../autograd/ops/binary.js";
import { cat } from "../autograd/ops/join.js";
import { maskedFill } from "../autograd/ops/gather.js";
import { expand, reshape, unsqueeze } from "../autograd/ops/view.js";
import { zeros } from "../tensor/create.js";
import { isFloating, type FloatDType } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";

const OP = "MultiheadAttention";

/** What the checks need of the module. */
export interface AttentionDims {
  readonly embedDim: number;
  readonly kdim: number;
  readonly vdim: number;
  readonly numHeads: number;
  readonly batchFirst: boolean;
}

/**
 * Checks query (L, B, E), key (S, B, kdim) and value (S, B, vdim) — (B, ·, ·) with batchFirst,
 * without B unbatched — and returns whether they are batched.
 */
export function checkInputs(m: AttentionDims, query: Tensor, key: Tensor, value: Tensor): boolean {
  if (query.ndim !== 2 && query.ndim !== 3) {
    throw new ShapeError(OP, `query should be unbatched 2D or batched 3D tensor (got ${query.ndim}-D, shape ${fmtShape(query.shape)})`, { actual: query.shape });
  }
  const dims = [["query", query, m.embedDim, "embedDim"], ["key", key, m.kdim, "kdim"], ["value", value, m.vdim, "vdim"]] as const;
  for (const [name, t, size, what] of dims) {
    if (t.ndim !== query.ndim) {
      throw new ShapeError(OP, `for ${query.ndim}-D query, ${name} should be ${query.ndim}-D too (got shape ${fmtShape(t.shape)})`, { actual: t.shape });
    }
    if (t.shape[t.ndim - 1] !== size) {
      throw new ShapeError(OP, `${name}.shape[-1] must equal ${what} (expected ${size}, got ${t.shape[t.ndim - 1]}; shape ${fmtShape(t.shape)})`, {
        expected: size, actual: t.shape,
      });
    }
  }
  if (key.shape.slice(0, -1).some((s, i) => s !== value.shape[i])) {
    throw new ShapeError(OP, `key's sequence and batch dims ${fmtShape(key.shape.slice(0, -1))} do not match value's ${fmtShape(value.shape.slice(0, -1))}`, {
      expected: key.shape.slice(0, -1), actual: value.shape.slice(0, -1),
    });
  }
  const batchDim = query.ndim === 3 ? (m.batchFirst ? 0 : 1) : -1;
  if (batchDim >= 0 && key.shape[batchDim] !== query.shape[batchDim]) {
    throw new ShapeError(OP, `key and query must have the same batch size (expected ${query.shape[batchDim]}, got ${key.shape[batchDim]})`, {
      expected: query.shape[batchDim], actual: key.shape[batchDim],
    });
  }
  return query.ndim === 3;
}

/**
 * Both masks as one additive float mask broadcastable to the scores (B·H, L, S + extra): a bool
 * mask gives −∞ where true, a float mask is added as it is (PyTorch converts bool masks the same
 * way). Masks are checked against the source length S, then padded by `extra` allowed columns —
 * one for bias_k, one for the zero attention row, as torch's `pad(mask, (0, 1))` does.
 */
export function additiveMask(
  numHeads: number, attnMask: Tensor | null, kpm: Tensor | null, dtype: FloatDType, B: number, L: number, S: number, extra: number,
): Tensor | null {
  const H = numHeads;
  const toFloat = (mask: Tensor, what: string): Tensor => {
    if (mask.dtype === "bool") return padColumns(maskedFill(zeros(mask.shape, { dtype }), mask, -Infinity), extra);
    if (!isFloating(mask.dtype)) throw new DTypeError(OP, `only bool and floating types of ${what} are supported (got ${mask.dtype})`, { expected: "bool or float", actual: mask.dtype });
    return padColumns(mask.dtype === dtype ? mask : mask.to(dtype), extra);
  };
  let out: Tensor | null = null;
  if (attnMask !== null) {
    const ok = attnMask.ndim === 2 ? attnMask.shape[0] === L && attnMask.shape[1] === S
      : attnMask.ndim === 3 && attnMask.shape[0] === B * H && attnMask.shape[1] === L && attnMask.shape[2] === S;
    if (!ok) {
      throw new ShapeError(OP, `attnMask must have shape [${L}, ${S}] or [${B * H}, ${L}, ${S}] (got ${fmtShape(attnMask.shape)})`, {
        expected: [[L, S], [B * H, L, S]], actual: attnMask.shape,
      });
    }
    out = toFloat(attnMask.ndim === 2 ? unsqueeze(attnMask, 0) : attnMask, "attnMask");
  }
  if (kpm !== null) {
    if (kpm.ndim !== 2 || kpm.shape[0] !== B || kpm.shape[1] !== S) {
      throw new ShapeError(OP, `expecting keyPaddingMask of shape [${B}, ${S}] (got ${fmtShape(kpm.shape)})`, { expected: [B, S], actual: kpm.shape });
    }
    const T = S + extra;
    const perHead = reshape(expand(reshape(toFloat(kpm, "keyPaddingMask"), [B, 1, 1, T]), [B, H, 1, T]), [B * H, 1, T]);
    out = out === null ? perHead : add(out, perHead);
  }
  return out;
}

/** mask (…, S) → (…, S + n) with n zero (allowed) columns appended. */
function padColumns(mask: Tensor, n: number): Tensor {
  if (n === 0) return mask;
  return cat([mask, zeros([...mask.shape.slice(0, -1), n], { dtype: mask.dtype as FloatDType })], -1);
}
