/** Bounds that keep a hostile or accidental input from exhausting the machine. All adjustable by CLI flags. */
export interface Limits {
  /** Largest input file in bytes. */
  maxBytes: number;
  /** Most alias expansions in one document (YAML "billion laughs"). */
  maxAliases: number;
  /** Deepest nesting of maps and sequences. */
  maxDepth: number;
  /** Most nodes, steps, states, edges or transitions in one diagram. */
  maxElements: number;
  /** Longest single text value in characters. */
  maxTextLength: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxBytes: 4 * 1024 * 1024,
  maxAliases: 200,
  maxDepth: 48,
  maxElements: 20000,
  maxTextLength: 5000,
};

export const resolveLimits = (partial: Partial<Limits> = {}): Limits => ({ ...DEFAULT_LIMITS, ...partial });

/**
 * Most YAML tokens in one file, derived from maxElements (raised with it). Checked with the
 * streaming lexer before the file is parsed, because the parsed tree costs about 200 bytes of
 * memory per token: a 4 MB file of `a,a,a,…` would otherwise need more than 1 GB.
 */
export const TOKENS_PER_ELEMENT = 60;
export const tokenBound = (limits: Limits): number => limits.maxElements * TOKENS_PER_ELEMENT;

/**
 * Largest number in a diagram (10^18): far beyond any count of customers, and below 10^21, where
 * numbers print in exponent notation ("1e+21 customers"); 1e400 reads as Infinity.
 */
export const MAX_NUMBER = 1e18;
