/**
 * A small seeded generator (mulberry32) for tests that want varied but repeatable choices:
 * the same seed gives the same sequence on every run and machine, unlike Math.random. One copy,
 * in bench/event-log.mjs (plain JavaScript, so the benchmarks run it without a compiler).
 */
export { seeded as seededRandom } from '../../bench/event-log.mjs';
