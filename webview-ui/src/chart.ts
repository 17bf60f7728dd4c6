/**
 * A chart of curves over steps (a ToySeries) with uPlot: both axes named, round tick numbers, and
 * a legend that always holds numbers: the latest values while the cursor is away from the chart,
 * the hovered step's while it is over it (uPlot alone shows "--" until hovered).
 */
import uPlot from 'uplot';
import type { ToySeries } from '../../src/shared/toyProtocol';
import { toyColor, type Palette } from './plane';
import { latestValue, legendValue, yAxisName } from './plot/series';
import { formatTicks } from './plot/ticks';

/** One chart; `update` redraws it with a new series, rebuilding uPlot only when its curves change. */
export class SeriesChart {
  readonly #host: HTMLElement;
  #colors: Palette;
  #width: number;
  readonly #height: number;
  #plot: uPlot | undefined;
  #shape = '';

  constructor(host: HTMLElement, colors: Palette, width: number, height = 170) {
    this.#host = host;
    this.#colors = colors;
    this.#width = width;
    this.#height = height;
  }

  /** The uPlot instance (for tests and for the caller's own hooks), once a series was shown. */
  get plot(): uPlot | undefined {
    return this.#plot;
  }

  update(s: ToySeries): void {
    const shape = JSON.stringify([s.title, s.xLabel, s.lines.map((l) => [l.label, l.color])]);
    if (!this.#plot || shape !== this.#shape) {
      // The caller may have resized the uPlot itself (the panel's resize handler): keep its width.
      if (this.#plot) this.#width = this.#plot.width;
      this.#plot?.destroy();
      this.#shape = shape;
      this.#plot = this.#build(s);
    }
    this.#plot.setData([s.x as number[], ...s.lines.map((l) => l.y as number[])]);
  }

  resize(width: number): void {
    this.#width = width;
    this.#plot?.setSize({ width, height: this.#height });
  }

  /** New theme colours: the next update rebuilds the chart with them. */
  setColors(colors: Palette): void {
    this.#colors = colors;
    this.#shape = '';
  }

  destroy(): void {
    this.#plot?.destroy();
    this.#plot = undefined;
  }

  #build(s: ToySeries): uPlot {
    const colors = this.#colors;
    const family = getComputedStyle(document.body).fontFamily || 'sans-serif';
    const axis = (label: string): uPlot.Axis => ({
      label,
      stroke: colors.muted,
      font: `11px ${family}`,
      labelFont: `11px ${family}`,
      labelSize: 16,
      labelGap: 0,
      grid: { stroke: colors.grid, width: 0.5 },
      ticks: { stroke: colors.grid },
      values: (_u, splits) => formatTicks(splits),
    });
    // With no step under the cursor (idx null) a legend entry shows its series' latest value.
    const value = (u: uPlot, v: number | null, sidx: number, idx: number | null) => {
      return legendValue(idx === null ? latestValue(u.data[sidx] as ArrayLike<number | null>) : v);
    };
    const yAxis = axis(yAxisName(s));
    return new uPlot({
      width: this.#width,
      height: this.#height,
      scales: { x: { time: false } },
      // A short x axis leaves the y axis's name the height it needs (22 characters at 11 px).
      axes: [{ ...axis(s.xLabel ?? 'step'), size: 38 }, { ...yAxis, size: 50 }],
      series: [
        { label: s.xLabel ?? 'step', value },
        ...s.lines.map((l) => ({ label: l.label, stroke: toyColor(l.color, colors), width: 1.5, value })),
      ],
    }, [[]], this.#host);
  }
}
