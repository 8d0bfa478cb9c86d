/**
 * The positioned, renderer-neutral picture of one diagram. Layout produces it; the SVG writer (and
 * through it PNG) consumes nothing else. Every value is plain JSON, so scenes can be golden-tested.
 */
import type { ShapeKind } from './shapes.js';

export interface Paint {
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
  dash?: string;
  opacity?: number;
  /** The symbol a node's outline stands for, so office renderers can use native shapes (SVG ignores it). */
  shape?: ShapeKind;
}

export interface TextStyle {
  size: number;
  weight?: 'normal' | 'bold';
  fill: string;
  anchor?: 'start' | 'middle' | 'end';
  italic?: boolean;
}

export type SceneItem =
  | { type: 'group'; className?: string; attrs?: Record<string, string>; tooltip?: string; link?: string; children: SceneItem[] }
  | ({ type: 'rect'; x: number; y: number; w: number; h: number; rx?: number; className?: string } & Paint)
  | ({ type: 'ellipse'; cx: number; cy: number; rx: number; ry: number; className?: string } & Paint)
  | ({ type: 'polygon'; points: Array<[number, number]>; className?: string } & Paint)
  | ({ type: 'path'; d: string; className?: string; markerEnd?: string; attrs?: Record<string, string> } & Paint)
  | { type: 'text'; x: number; y: number; lines: string[]; lineHeight: number; style: TextStyle; className?: string };

export interface SceneMarker {
  id: string;
  /** Path of an arrow head drawn in a 10×10 box pointing right. */
  d: string;
  fill: string;
}

export interface Scene {
  kind: string;
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
  background: string;
  fontFamily: string;
  markers: SceneMarker[];
  /** Extra classes on the root element (e.g. jf-diff). */
  rootClasses?: string[];
  items: SceneItem[];
}
