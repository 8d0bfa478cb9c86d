// The `linebreak` package (UAX #14) ships no types; this is the part of its API we use.
declare module 'linebreak' {
  interface Break { position: number; required: boolean }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
