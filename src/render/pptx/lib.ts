import { importPackage } from '../../runtime/import-package.js';

/*
 * pptxgenjs' type declarations are CommonJS-shaped (the class sits on `.default` under NodeNext),
 * while the ES build Node loads exports the class itself as default. One place bridges the two.
 * It is loaded through importPackage: inside the CLI bundle (compiled from a code cache) only the
 * launcher's loader can import a package, and pptxgenjs itself imports node modules lazily.
 */
type PptxClass = typeof import('pptxgenjs').default;
export type Pptx = InstanceType<PptxClass>;
export type Slide = ReturnType<Pptx['addSlide']>;
export type ShapeProps = NonNullable<Parameters<Slide['addShape']>[1]>;
export type ShapeName = Parameters<Slide['addShape']>[0];

let loaded: Promise<PptxClass> | undefined;

export function loadPptxGenJS(): Promise<PptxClass> {
  loaded ??= importPackage<{ default: PptxClass | { default: PptxClass } }>('pptxgenjs').then((m) => {
    const d = m.default;
    return typeof d === 'function' ? d : d.default;
  });
  return loaded;
}
