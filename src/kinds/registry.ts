import type { CommonModel, KindDefinition } from './types.js';
import { flowKind } from './flow/index.js';
import { journeyKind } from './journey/index.js';
import { lifecycleKind } from './lifecycle/index.js';
import { funnelKind } from './funnel/index.js';

/**
 * Every diagram kind, chosen by the document's explicit `kind:` value. Adding a kind is one line
 * here; this order is the order kinds are listed in messages, help texts and `init` templates.
 */
const DEFINITIONS = [journeyKind, flowKind, lifecycleKind, funnelKind] as const;

/** The name of a registered kind: the value of a document's `kind:`. */
export type DiagramKind = (typeof DEFINITIONS)[number]['kind'];

/** The registered definitions, in registry order. */
export const KIND_DEFINITIONS: ReadonlyArray<KindDefinition<CommonModel>> = DEFINITIONS.map((d) => d as unknown as KindDefinition<CommonModel>);

export const KIND_NAMES: readonly DiagramKind[] = DEFINITIONS.map((d) => d.kind);

export function kindDefinition(kind: unknown): KindDefinition<CommonModel> | undefined {
  return typeof kind === 'string' ? KIND_DEFINITIONS.find((d) => d.kind === kind) : undefined;
}

/** Names as a reader lists them: "journey, flow or lifecycle" (or "… and …"); by default the kind names. */
export function listText(names: readonly string[] = KIND_NAMES, conjunction: 'or' | 'and' = 'or'): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]}`;
}
