/**
 * The hot loop of the JavaScript matrix product: the 4 × 4 blocks of one band of four rows of C,
 * read from the packed panels (gemmPanels.ts), with the ReLU-family epilogues applied to each block
 * as its sixteen sums are stored. It is long because it is unrolled by hand, sixteen named sums, so
 * that V8 keeps them in registers; a file of its own so that the rest of the product stays readable.
 */
import { Epilogue, PICK, SLOPE } from './gemmEpilogue';
import { PANEL_A, PANEL_B } from './gemmPanels';

/**
 * The 4 × 4 blocks of one band of four rows of C, from the packed panels: a function of its own so
 * that V8 compiles the inner loop alone (inside gemm it kept fewer sums in registers).
 */
export function band4(c: Float64Array, c0: number, n: number, n4: number, stride4: number, epilogue: number, act: number, x: Float64Array, y: Float64Array): void {
  const acc = epilogue === Epilogue.accumulate;
  const fwd = epilogue === Epilogue.forward && act <= 2;
  const bwd = epilogue === Epilogue.backward && (act === 1 || act === 2);
  const pick = PICK;
  const slope = SLOPE;
  pick[0] = 0;
  const c1 = c0 + n;
  const c2 = c1 + n;
  const c3 = c2 + n;
  const pa = PANEL_A;
  const pb = PANEL_B;
  for (let o = 0; o < n4; o += 4) {
    let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
    let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
    let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
    let s30 = 0, s31 = 0, s32 = 0, s33 = 0;
    const bo = o * (stride4 >> 2);
    for (let q = 0; q < stride4; q += 4) {
      const x0 = pa[q];
      const x1 = pa[q + 1];
      const x2 = pa[q + 2];
      const x3 = pa[q + 3];
      const w0 = pb[bo + q];
      const w1 = pb[bo + q + 1];
      const w2 = pb[bo + q + 2];
      const w3 = pb[bo + q + 3];
      s00 += x0 * w0; s01 += x0 * w1; s02 += x0 * w2; s03 += x0 * w3;
      s10 += x1 * w0; s11 += x1 * w1; s12 += x1 * w2; s13 += x1 * w3;
      s20 += x2 * w0; s21 += x2 * w1; s22 += x2 * w2; s23 += x2 * w3;
      s30 += x3 * w0; s31 += x3 * w1; s32 += x3 * w2; s33 += x3 * w3;
    }
    if (fwd) {
      // Bias and activation on the finished sums, as biasRelu/biasLeaky/biasLinear do (same roundings).
      const b0 = x[o];
      const b1 = x[o + 1];
      const b2 = x[o + 2];
      const b3 = x[o + 3];
      s00 += b0;
      s01 += b1;
      s02 += b2;
      s03 += b3;
      s10 += b0;
      s11 += b1;
      s12 += b2;
      s13 += b3;
      s20 += b0;
      s21 += b1;
      s22 += b2;
      s23 += b3;
      s30 += b0;
      s31 += b1;
      s32 += b2;
      s33 += b3;
      c[c0 + o] = s00;
      c[c0 + o + 1] = s01;
      c[c0 + o + 2] = s02;
      c[c0 + o + 3] = s03;
      c[c1 + o] = s10;
      c[c1 + o + 1] = s11;
      c[c1 + o + 2] = s12;
      c[c1 + o + 3] = s13;
      c[c2 + o] = s20;
      c[c2 + o + 1] = s21;
      c[c2 + o + 2] = s22;
      c[c2 + o + 3] = s23;
      c[c3 + o] = s30;
      c[c3 + o + 1] = s31;
      c[c3 + o + 2] = s32;
      c[c3 + o + 3] = s33;
      if (act === 1) {
        pick[1] = s00;
        y[c0 + o] = pick[+(s00 > 0)];
        pick[1] = s01;
        y[c0 + o + 1] = pick[+(s01 > 0)];
        pick[1] = s02;
        y[c0 + o + 2] = pick[+(s02 > 0)];
        pick[1] = s03;
        y[c0 + o + 3] = pick[+(s03 > 0)];
        pick[1] = s10;
        y[c1 + o] = pick[+(s10 > 0)];
        pick[1] = s11;
        y[c1 + o + 1] = pick[+(s11 > 0)];
        pick[1] = s12;
        y[c1 + o + 2] = pick[+(s12 > 0)];
        pick[1] = s13;
        y[c1 + o + 3] = pick[+(s13 > 0)];
        pick[1] = s20;
        y[c2 + o] = pick[+(s20 > 0)];
        pick[1] = s21;
        y[c2 + o + 1] = pick[+(s21 > 0)];
        pick[1] = s22;
        y[c2 + o + 2] = pick[+(s22 > 0)];
        pick[1] = s23;
        y[c2 + o + 3] = pick[+(s23 > 0)];
        pick[1] = s30;
        y[c3 + o] = pick[+(s30 > 0)];
        pick[1] = s31;
        y[c3 + o + 1] = pick[+(s31 > 0)];
        pick[1] = s32;
        y[c3 + o + 2] = pick[+(s32 > 0)];
        pick[1] = s33;
        y[c3 + o + 3] = pick[+(s33 > 0)];
      } else if (act === 2) {
        y[c0 + o] = s00 * slope[+(s00 > 0)];
        y[c0 + o + 1] = s01 * slope[+(s01 > 0)];
        y[c0 + o + 2] = s02 * slope[+(s02 > 0)];
        y[c0 + o + 3] = s03 * slope[+(s03 > 0)];
        y[c1 + o] = s10 * slope[+(s10 > 0)];
        y[c1 + o + 1] = s11 * slope[+(s11 > 0)];
        y[c1 + o + 2] = s12 * slope[+(s12 > 0)];
        y[c1 + o + 3] = s13 * slope[+(s13 > 0)];
        y[c2 + o] = s20 * slope[+(s20 > 0)];
        y[c2 + o + 1] = s21 * slope[+(s21 > 0)];
        y[c2 + o + 2] = s22 * slope[+(s22 > 0)];
        y[c2 + o + 3] = s23 * slope[+(s23 > 0)];
        y[c3 + o] = s30 * slope[+(s30 > 0)];
        y[c3 + o + 1] = s31 * slope[+(s31 > 0)];
        y[c3 + o + 2] = s32 * slope[+(s32 > 0)];
        y[c3 + o + 3] = s33 * slope[+(s33 > 0)];
      } else {
        y[c0 + o] = s00;
        y[c0 + o + 1] = s01;
        y[c0 + o + 2] = s02;
        y[c0 + o + 3] = s03;
        y[c1 + o] = s10;
        y[c1 + o + 1] = s11;
        y[c1 + o + 2] = s12;
        y[c1 + o + 3] = s13;
        y[c2 + o] = s20;
        y[c2 + o + 1] = s21;
        y[c2 + o + 2] = s22;
        y[c2 + o + 3] = s23;
        y[c3 + o] = s30;
        y[c3 + o + 1] = s31;
        y[c3 + o + 2] = s32;
        y[c3 + o + 3] = s33;
      }
    } else if (bwd) {
      // f' of the layer below, as the backward epilogue in finish() applies it (same roundings).
      if (act === 1) {
        pick[1] = s00;
        c[c0 + o] = pick[+(x[c0 + o] > 0)];
        pick[1] = s01;
        c[c0 + o + 1] = pick[+(x[c0 + o + 1] > 0)];
        pick[1] = s02;
        c[c0 + o + 2] = pick[+(x[c0 + o + 2] > 0)];
        pick[1] = s03;
        c[c0 + o + 3] = pick[+(x[c0 + o + 3] > 0)];
        pick[1] = s10;
        c[c1 + o] = pick[+(x[c1 + o] > 0)];
        pick[1] = s11;
        c[c1 + o + 1] = pick[+(x[c1 + o + 1] > 0)];
        pick[1] = s12;
        c[c1 + o + 2] = pick[+(x[c1 + o + 2] > 0)];
        pick[1] = s13;
        c[c1 + o + 3] = pick[+(x[c1 + o + 3] > 0)];
        pick[1] = s20;
        c[c2 + o] = pick[+(x[c2 + o] > 0)];
        pick[1] = s21;
        c[c2 + o + 1] = pick[+(x[c2 + o + 1] > 0)];
        pick[1] = s22;
        c[c2 + o + 2] = pick[+(x[c2 + o + 2] > 0)];
        pick[1] = s23;
        c[c2 + o + 3] = pick[+(x[c2 + o + 3] > 0)];
        pick[1] = s30;
        c[c3 + o] = pick[+(x[c3 + o] > 0)];
        pick[1] = s31;
        c[c3 + o + 1] = pick[+(x[c3 + o + 1] > 0)];
        pick[1] = s32;
        c[c3 + o + 2] = pick[+(x[c3 + o + 2] > 0)];
        pick[1] = s33;
        c[c3 + o + 3] = pick[+(x[c3 + o + 3] > 0)];
      } else {
        c[c0 + o] = s00 * slope[+(x[c0 + o] > 0)];
        c[c0 + o + 1] = s01 * slope[+(x[c0 + o + 1] > 0)];
        c[c0 + o + 2] = s02 * slope[+(x[c0 + o + 2] > 0)];
        c[c0 + o + 3] = s03 * slope[+(x[c0 + o + 3] > 0)];
        c[c1 + o] = s10 * slope[+(x[c1 + o] > 0)];
        c[c1 + o + 1] = s11 * slope[+(x[c1 + o + 1] > 0)];
        c[c1 + o + 2] = s12 * slope[+(x[c1 + o + 2] > 0)];
        c[c1 + o + 3] = s13 * slope[+(x[c1 + o + 3] > 0)];
        c[c2 + o] = s20 * slope[+(x[c2 + o] > 0)];
        c[c2 + o + 1] = s21 * slope[+(x[c2 + o + 1] > 0)];
        c[c2 + o + 2] = s22 * slope[+(x[c2 + o + 2] > 0)];
        c[c2 + o + 3] = s23 * slope[+(x[c2 + o + 3] > 0)];
        c[c3 + o] = s30 * slope[+(x[c3 + o] > 0)];
        c[c3 + o + 1] = s31 * slope[+(x[c3 + o + 1] > 0)];
        c[c3 + o + 2] = s32 * slope[+(x[c3 + o + 2] > 0)];
        c[c3 + o + 3] = s33 * slope[+(x[c3 + o + 3] > 0)];
      }
    } else if (acc) {
      c[c0 + o] += s00;
      c[c0 + o + 1] += s01;
      c[c0 + o + 2] += s02;
      c[c0 + o + 3] += s03;
      c[c1 + o] += s10;
      c[c1 + o + 1] += s11;
      c[c1 + o + 2] += s12;
      c[c1 + o + 3] += s13;
      c[c2 + o] += s20;
      c[c2 + o + 1] += s21;
      c[c2 + o + 2] += s22;
      c[c2 + o + 3] += s23;
      c[c3 + o] += s30;
      c[c3 + o + 1] += s31;
      c[c3 + o + 2] += s32;
      c[c3 + o + 3] += s33;
    } else {
      c[c0 + o] = s00;
      c[c0 + o + 1] = s01;
      c[c0 + o + 2] = s02;
      c[c0 + o + 3] = s03;
      c[c1 + o] = s10;
      c[c1 + o + 1] = s11;
      c[c1 + o + 2] = s12;
      c[c1 + o + 3] = s13;
      c[c2 + o] = s20;
      c[c2 + o + 1] = s21;
      c[c2 + o + 2] = s22;
      c[c2 + o + 3] = s23;
      c[c3 + o] = s30;
      c[c3 + o + 1] = s31;
      c[c3 + o + 2] = s32;
      c[c3 + o + 3] = s33;
    }
  }
}
