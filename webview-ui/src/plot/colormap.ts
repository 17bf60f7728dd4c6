/**
 * The colour maps of the plane plots, as 256-entry lookup tables built once per theme: a heat map
 * then costs one table read per cell. Colours are mixed in OKLab, where equal steps look equal, so
 * a blend never goes through the grey mud that mixing RGB (or stacking a transparent layer) gives.
 * No DOM here: unit tests import it in plain Node.
 */

export type Rgb = readonly [number, number, number];

/** Entries in a lookup table. */
export const LUT_SIZE = 256;

/**
 * viridis (van der Walt and Smith, matplotlib's default) at 0, 0.1, ..., 1: perceptually uniform,
 * its lightness rising monotonically, readable by the colour-blind and in greyscale.
 */
const VIRIDIS: readonly Rgb[] = [
  [68, 1, 84], [72, 36, 117], [65, 68, 135], [53, 95, 141], [42, 120, 142], [33, 145, 140],
  [34, 168, 132], [68, 191, 112], [122, 209, 81], [189, 223, 38], [253, 231, 37],
];

/** viridis at t in [0, 1] (clamped), interpolated in OKLab between its stops. */
export function viridis(t: number): Rgb {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  return mix(VIRIDIS[i], VIRIDIS[i + 1], x - i);
}

const toLinear = (c: number) => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const fromLinear = (l: number) => {
  const s = l <= 0.0031308 ? 12.92 * l : 1.055 * Math.max(0, l) ** (1 / 2.4) - 0.055;
  return Math.round(Math.min(1, Math.max(0, s)) * 255);
};

/** sRGB (0-255) to OKLab (Ottosson 2020). */
export function toOklab([r, g, b]: Rgb): [number, number, number] {
  const lr = toLinear(r), lg = toLinear(g), lb = toLinear(b);
  const l = Math.cbrt(0.4122214708 * lr + 0.5363325363 * lg + 0.0514459929 * lb);
  const m = Math.cbrt(0.2119034982 * lr + 0.6806995451 * lg + 0.1073969566 * lb);
  const s = Math.cbrt(0.0883024619 * lr + 0.2817188376 * lg + 0.6299787005 * lb);
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  ];
}

/** OKLab back to sRGB (0-255), clipped to the gamut. */
export function fromOklab([L, a, b]: readonly [number, number, number]): Rgb {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    fromLinear(4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s),
    fromLinear(-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s),
    fromLinear(-0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s),
  ];
}

/** The colour a fraction `t` of the way from `a` to `b`, mixed in OKLab. */
export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const p = toOklab(a);
  const q = toOklab(b);
  return fromOklab([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t, p[2] + (q[2] - p[2]) * t]);
}

/** OKLab lightness of a colour, 0 (black) to 1 (white). */
export function lightness(c: Rgb): number {
  return toOklab(c)[0];
}

/** A lookup table: entry k (k = 0..255) holds the colour of t = k / 255 at [3k, 3k + 1, 3k + 2]. */
export type Lut = Uint8ClampedArray;

function table(colorAt: (t: number) => Rgb): Lut {
  const lut = new Uint8ClampedArray(3 * LUT_SIZE);
  for (let k = 0; k < LUT_SIZE; k++) lut.set(colorAt(k / (LUT_SIZE - 1)), 3 * k);
  return lut;
}

/**
 * viridis laid over the theme's background at `strength` (1: viridis itself). Under a dense cloud
 * of points a weaker strength keeps the points the loudest thing on the plot; a surface with only
 * a path over it takes the map nearly full.
 */
export function sequentialLut(background: Rgb, strength: number): Lut {
  return table((t) => mix(background, viridis(t), strength));
}

/**
 * A diverging map for a probability: the background at ½ (no opinion), towards `low` below and
 * `high` above, reaching `strength` of each colour at 0 and 1. Centred on the theme's own
 * background, it reads as "nothing here" on light, dark and high-contrast themes alike.
 */
export function divergingLut(background: Rgb, low: Rgb, high: Rgb, strength: number): Lut {
  return table((t) => (t < 0.5 ? mix(background, low, (1 - 2 * t) * strength) : mix(background, high, (2 * t - 1) * strength)));
}

/** The table entry for a value: `(v - min) / (max - min)` clamped to [0, 1], as an index to multiply by 3. */
export function lutIndex(v: number, min: number, max: number): number {
  const t = max > min ? (v - min) / (max - min) : 0.5;
  return t >= 1 ? LUT_SIZE - 1 : t > 0 ? Math.floor(t * LUT_SIZE) : 0;
}
