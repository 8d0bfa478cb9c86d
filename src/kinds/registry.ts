import type { CommonModel, DiagramKind, KindDefinition } from './types.js';
import { flowKind } from './flow/index.js';
import { journeyKind } from './journey/index.js';
import { lifecycleKind } from './lifecycle/index.js';

/** Every diagram kind, chosen by the document's explicit `kind:` value. Adding a kind is one line here. */
export const KINDS: Partial<Record<DiagramKind, KindDefinition<CommonModel>>> = {
  flow: flowKind as unknown as KindDefinition<CommonModel>,
  journey: journeyKind as unknown as KindDefinition<CommonModel>,
  lifecycle: lifecycleKind as unknown as KindDefinition<CommonModel>,
};

export const KIND_NAMES: readonly DiagramKind[] = ['flow', 'journey', 'lifecycle'];

export function kindDefinition(kind: unknown): KindDefinition<CommonModel> | undefined {
  return typeof kind === 'string' ? KINDS[kind as DiagramKind] : undefined;
}
