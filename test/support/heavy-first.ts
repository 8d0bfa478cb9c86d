import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest start first, so that the last minute of a run is not one of them on
 * one core while the other waits (measured: the 38 s fuzz file, started last, made the suite ~15 s
 * longer). vitest orders by the durations of a previous run when it has them; a clean clone (CI)
 * has none and falls back to file size, which says little here: these spend their time in child
 * processes, browsers and office programs. Longest first, by CPU seconds measured alone.
 */
const HEAVY = [
  'test/reliability/bounds.test.ts',
  'test/reliability/fuzz-budget.test.ts',
  'test/reliability/faults.test.ts',
  'test/security/hostile.test.ts',
  'test/office/pptx-pdf.test.ts',
  'test/sites/sites.test.ts',
  'test/reliability/properties.test.ts',
  'test/reliability/layout-budget.test.ts',
  'test/reliability/serve-hardening.test.ts',
  'test/browser/mermaid.test.ts',
];

const rank = (spec: TestSpecification): number => {
  const file = spec.moduleId.replace(/\\/g, '/');
  const i = HEAVY.findIndex((h) => file.endsWith(h));
  return i === -1 ? HEAVY.length : i;
};

export default class HeavyFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Array.prototype.sort is stable: the rest keep vitest's own order.
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
