/**
 * Prometheus metrics at /metrics. Each server owns its registry (tests run several servers in
 * one process). Operation names are labels, so their number is capped: past the cap new
 * names are counted as "other" instead of growing the series without bound.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { RequestCounter, RequestHistogram } from './request-metrics.js';

const MAX_OPERATION_NAMES = 200;
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

export class Metrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();

  // Counted on every request: the lean instruments of request-metrics.ts, same names and output.
  readonly httpRequests = new RequestCounter('vigia_http_requests_total', 'HTTP requests answered, by route, method and status code.', this.registry);
  readonly httpDuration = new RequestHistogram(
    'vigia_http_request_duration_seconds',
    'Time from receiving a request to finishing its response, by route.',
    this.registry,
    LATENCY_BUCKETS,
  );
  readonly operationDuration = new RequestHistogram(
    'vigia_graphql_operation_duration_seconds',
    'GraphQL operations answered and their latency, by operation name and type.',
    this.registry,
    LATENCY_BUCKETS,
  );
  readonly graphqlErrors = new Counter({
    name: 'vigia_graphql_errors_total',
    help: 'Errors in GraphQL responses, by error code (refusals by limit have their own codes).',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly cacheRequests = new RequestCounter('vigia_response_cache_requests_total', 'Response cache look-ups, by result (hit or miss).', this.registry);
  private readonly cacheHits = this.cacheRequests.addSeries('hit', { result: 'hit' });
  readonly cacheInvalidations = new Counter({
    name: 'vigia_response_cache_invalidations_total',
    help: 'Times the response cache was emptied because data changed.',
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: 'vigia_rate_limited_total',
    help: 'Requests refused with 429, by bucket kind (address or key).',
    labelNames: ['bucket'] as const,
    registers: [this.registry],
  });

  readonly compiledDocuments = new Counter({
    name: 'vigia_graphql_compiled_documents_total',
    help: 'GraphQL documents compiled by graphql-jit (each on its second request).',
    registers: [this.registry],
  });
  readonly dataReloads = new Histogram({
    name: 'vigia_data_reload_duration_seconds',
    help: 'Reloads of the public data held in memory (after writes), and how long each took.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly dataVersion = new Gauge({
    name: 'vigia_data_version',
    help: 'The newest audit entry in the public data this process answers from: equal on every process once a write has reached them all.',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'vigia_' });
  }

  /** A request answered (or abandoned): counted, and its latency observed unless it was a stream (`seconds` undefined). */
  requestDone(route: string, method: string, status: number, seconds: number | undefined) {
    const key = `${route} ${method} ${status}`;
    (this.httpRequests.seriesOf(key) ?? this.httpRequests.addSeries(key, { route, method, status: String(status) })).value++;
    if (seconds === undefined) return;
    this.httpDuration.observe(this.httpDuration.seriesOf(route) ?? this.httpDuration.addSeries(route, { route }), seconds);
  }

  /** A GraphQL operation answered, by its (bounded) name and type. */
  operationDone(name: string | null | undefined, type: string, seconds: number) {
    const operation = this.operationLabel(name);
    const key = `${operation} ${type}`;
    this.operationDuration.observe(this.operationDuration.seriesOf(key) ?? this.operationDuration.addSeries(key, { operation, type }), seconds);
  }

  /** A request answered from the response cache. */
  cacheHit() {
    this.cacheHits.value++;
  }

  /** A bounded label for an operation name. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_NAMES || !/^[_A-Za-z][_0-9A-Za-z]{0,63}$/.test(name)) return 'other';
    this.operations.add(name);
    return name;
  }
}
