/**
 * The per-request metrics (requests by route, method and status; latency by route and by
 * operation), counted at the cost of a few additions. prom-client's Counter and Histogram check,
 * hash and look up their labels on every call: measured under load, that was a tenth of the CPU
 * of a cached widget request. Here each label set's series is found once (by a key the caller
 * builds) and kept; the registry formats them at scrape time exactly as prom-client's own
 * (`get()` is the interface its Registry reads).
 */
import type { Metric, Registry } from 'prom-client';

type Labels = Record<string, string>;

export interface CounterSeries {
  readonly labels: Labels;
  value: number;
}

export interface HistogramSeries {
  readonly labels: Labels;
  /** Observations per bucket (not cumulative), the last one past the largest bound (+Inf). */
  readonly counts: number[];
  sum: number;
  count: number;
}

abstract class Instrument<S> {
  readonly aggregator = 'sum';
  protected readonly byKey = new Map<string, S>();

  constructor(
    readonly name: string,
    readonly help: string,
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Metric);
  }

  /** The series of a key (the caller's: its label values joined), once added with its labels. */
  seriesOf(key: string): S | undefined {
    return this.byKey.get(key);
  }

  addSeries(key: string, labels: Labels): S {
    const series = this.create(labels);
    this.byKey.set(key, series);
    return series;
  }

  protected abstract create(labels: Labels): S;
}

export class RequestCounter extends Instrument<CounterSeries> {
  readonly type = 'counter';

  protected create(labels: Labels): CounterSeries {
    return { labels, value: 0 };
  }

  /** prom-client's `inc(labels)`, for the few calls made elsewhere. */
  inc(labels: Labels, value = 1) {
    const key = Object.values(labels).join('\u0000');
    (this.seriesOf(key) ?? this.addSeries(key, { ...labels })).value += value;
  }

  get() {
    const values = [...this.byKey.values()].map(({ labels, value }) => ({ labels: { ...labels }, value }));
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator });
  }

  reset() {
    for (const series of this.byKey.values()) series.value = 0;
  }
}

export class RequestHistogram extends Instrument<HistogramSeries> {
  readonly type = 'histogram';

  constructor(
    name: string,
    help: string,
    registry: Registry,
    private readonly bounds: readonly number[],
  ) {
    super(name, help, registry);
  }

  protected create(labels: Labels): HistogramSeries {
    return { labels, counts: new Array<number>(this.bounds.length + 1).fill(0), sum: 0, count: 0 };
  }

  observe(series: HistogramSeries, value: number) {
    let bucket = 0;
    while (bucket < this.bounds.length && value > this.bounds[bucket]!) bucket++;
    series.counts[bucket]!++;
    series.sum += value;
    series.count++;
  }

  /** As prom-client exports a histogram: cumulative `_bucket` series (`le` first), then `_sum` and `_count`. */
  get() {
    const values: { labels: Record<string, string | number>; value: number; metricName: string }[] = [];
    for (const { labels, counts, sum, count } of this.byKey.values()) {
      let cumulative = 0;
      this.bounds.forEach((bound, i) => {
        cumulative += counts[i]!;
        values.push({ labels: { le: bound, ...labels }, value: cumulative, metricName: `${this.name}_bucket` });
      });
      values.push({ labels: { le: '+Inf', ...labels }, value: count, metricName: `${this.name}_bucket` });
      values.push({ labels: { ...labels }, value: sum, metricName: `${this.name}_sum` });
      values.push({ labels: { ...labels }, value: count, metricName: `${this.name}_count` });
    }
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator });
  }

  reset() {
    for (const series of this.byKey.values()) {
      series.counts.fill(0);
      series.sum = 0;
      series.count = 0;
    }
  }
}
