import pptxModule from 'pptxgenjs';

/*
 * pptxgenjs' type declarations are CommonJS-shaped (the class sits on `.default` under NodeNext),
 * while the ES build Node loads exports the class itself as default. One place bridges the two.
 */
type PptxClass = typeof import('pptxgenjs').default;
export type Pptx = InstanceType<PptxClass>;
export type Slide = ReturnType<Pptx['addSlide']>;
export type ShapeProps = NonNullable<Parameters<Slide['addShape']>[1]>;
export type ShapeName = Parameters<Slide['addShape']>[0];

const loaded = pptxModule as unknown as PptxClass | { default: PptxClass };
export const PptxGenJS: PptxClass = typeof loaded === 'function' ? loaded : loaded.default;
