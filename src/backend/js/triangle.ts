// The upper or lower triangle of each matrix in a batch, the rest zeroed (triu and tril).

type Buf = { length: number; [i: number]: number };

/** Zeroes the elements outside the upper (or lower) triangle of each (rows, cols) matrix. */
export function triangleMask(a: Buf, batches: number, rows: number, cols: number, diagonal: number, upper: boolean, out: Buf): void {
  for (let b = 0; b < batches; b++) {
    for (let r = 0; r < rows; r++) {
      const at = (b * rows + r) * cols;
      for (let c = 0; c < cols; c++) {
        const keep = upper ? c - r >= diagonal : c - r <= diagonal;
        out[at + c] = keep ? a[at + c]! : 0;
      }
    }
  }
}
