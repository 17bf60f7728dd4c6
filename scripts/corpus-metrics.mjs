// Figures the corpus scripts share. The issue judges recognition by accuracy and by the F1 of the
// headline kinds (the four a course on generative models is built on), so both scripts compute it
// the same way here.
export const HEADLINE_KINDS = ['mle', 'kl', 'elbo', 'minimax'];

/** Per headline kind F1 of {gold, kind} answers, and the pooled (micro) F1 of the four: one F1
 * over all their true positives, false alarms and misses. The pooled figure is the headline one: a
 * mean of per-kind F1 swings to 0 on a small batch with one false alarm of a kind it never holds. */
export function headlineF1(answers) {
  const perKind = {};
  let TP = 0; let FP = 0; let FN = 0;
  for (const k of HEADLINE_KINDS) {
    let tp = 0; let fp = 0; let fn = 0;
    for (const a of answers) {
      if (a.kind === k && a.gold === k) tp++;
      else if (a.kind === k) fp++;
      else if (a.gold === k) fn++;
    }
    if (tp + fp + fn > 0) perKind[k] = (2 * tp) / (2 * tp + fp + fn);
    TP += tp; FP += fp; FN += fn;
  }
  return { perKind, pooled: TP + FP + FN > 0 ? (2 * TP) / (2 * TP + FP + FN) : NaN };
}
